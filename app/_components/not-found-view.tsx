// What a missing page says, with a way back: home when signed in, the front page when not.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function NotFoundView({ isSignedIn }: { isSignedIn: boolean }) {
  const t = await getTranslations("errorPage");
  return (
    <section className="error-view" aria-labelledby="error-title">
      <p className="error-code" aria-hidden="true">404</p>
      <h1 id="error-title">{t("notFoundTitle")}</h1>
      <p className="muted">{t("notFoundText")}</p>
      <div className="landing-actions">
        <Link href={isSignedIn ? "/home" : "/"} className="btn btn-primary">
          {isSignedIn ? t("backHome") : t("backFront")}
        </Link>
      </div>
    </section>
  );
}
