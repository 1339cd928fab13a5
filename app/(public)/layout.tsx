import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "../_components/locale-switcher";
import { SkipLink } from "../_components/skip-link";
import { getSession } from "../_lib/server";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  if (await getSession()) redirect("/home");
  const t = await getTranslations("common");
  return (
    <div className="auth-page">
      <SkipLink />
      <header className="auth-top">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">Q</span> {t("appName")}
        </span>
        <LocaleSwitcher isSignedIn={false} />
      </header>
      <main className="auth-main" id="main" tabIndex={-1}>
        <p className="tagline">{t("tagline")}</p>
        {children}
      </main>
    </div>
  );
}
