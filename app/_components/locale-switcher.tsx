"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES, type TLocale, uiLocale } from "~/i18n/locale";
import { useTRPCClient } from "../_lib/trpc";

/** Switches language for this browser (cookie) and, when signed in, remembers it on the account. */
export function LocaleSwitcher({ isSignedIn }: { isSignedIn: boolean }) {
  const t = useTranslations("locale");
  const locale = uiLocale(useLocale()); // next-intl's locale formats ("en-GB"); the switcher speaks "en"
  const router = useRouter();
  const client = useTRPCClient();
  const [isPending, startTransition] = useTransition();
  const choose = (next: TLocale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    if (isSignedIn) void client.accounts.setLocale.mutate({ locale: next }).catch(() => {});
    startTransition(() => router.refresh());
  };
  return (
    <div className="locale-switch" role="group" aria-label={t("label")} aria-busy={isPending}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => choose(l)} className={l === locale ? "is-active" : ""}>
          {l.toUpperCase()}
          <span className="sr-only"> {t(l)}</span>
        </button>
      ))}
    </div>
  );
}
