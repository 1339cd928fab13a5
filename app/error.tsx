"use client";
// An error while rendering a page: branded, translated, with "Try again" and a way home.
// "/" leads a signed-in person on to their home, anyone else to the front page.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  const tc = useTranslations("common");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="auth-page">
      <header className="auth-top">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">Q</span> {tc("appName")}
        </Link>
      </header>
      <main className="auth-main">
        <section className="error-view" role="alert" aria-labelledby="error-title">
          <h1 id="error-title">{t("errorTitle")}</h1>
          <p className="muted">{t("errorText")}</p>
          {error.digest && <p className="hint">{t("reference", { digest: error.digest })}</p>}
          <div className="landing-actions">
            <button type="button" className="btn btn-primary" onClick={reset}>
              {t("tryAgain")}
            </button>
            <Link href="/" className="btn btn-secondary">
              {t("backHome")}
            </Link>
          </div>
        </section>
      </main>
    </div>
  );
}
