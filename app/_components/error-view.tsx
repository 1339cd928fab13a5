"use client";
// What a page that failed to render says: translated, with "Try again" and a way home. Used
// by the root error page (its own frame) and by each signed-in group's error.tsx, inside the
// app shell, so the navigation stays and the person is never stranded.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";

export function ErrorView({ error, reset, home }: { error: Error & { digest?: string }; reset: () => void; home: "/" | "/home" }) {
  const t = useTranslations("errorPage");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="error-view" role="alert" aria-labelledby="error-title">
      <h1 id="error-title">{t("errorTitle")}</h1>
      <p className="muted">{t("errorText")}</p>
      {error.digest && <p className="hint">{t("reference", { digest: error.digest })}</p>}
      <div className="landing-actions">
        <button type="button" className="btn btn-primary" onClick={reset}>
          {t("tryAgain")}
        </button>
        <Link href={home} className="btn btn-secondary">
          {t("backHome")}
        </Link>
      </div>
    </section>
  );
}
