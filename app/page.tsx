// The front page: what Quartier is, for people who are not signed in (signed in: /home).
// A server component; the only client code is the language switch of the header.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Icon } from "./_components/icons";
import { PublicHeader } from "./_components/public-header";
import { SkipLink } from "./_components/skip-link";
import { getSession } from "./_lib/server";

export async function generateMetadata() {
  const t = await getTranslations("landing");
  return { title: { absolute: t("title") }, description: t("lead") };
}

const FEATURES = [
  { key: "bills", icon: "bills" },
  { key: "shops", icon: "shop" },
  { key: "chat", icon: "chat" },
  { key: "repairs", icon: "wrench" },
  { key: "parking", icon: "parking" },
  { key: "notices", icon: "megaphone" },
] as const;

const PROMISES = ["selfHosted", "noScoring", "noAds"] as const;

export default async function Landing() {
  if (await getSession()) redirect("/home");
  const t = await getTranslations("landing");
  return (
    <div className="auth-page landing">
      <SkipLink />
      <PublicHeader />
      <main className="landing-main" id="main" tabIndex={-1}>
        <section className="landing-hero" aria-labelledby="landing-title">
          <h1 id="landing-title">{t("heading")}</h1>
          <p className="landing-lead">{t("lead")}</p>
          <div className="landing-actions">
            <Link href="/sign-up" className="btn btn-primary">
              {t("createAccount")}
            </Link>
            <Link href="/sign-in" className="btn btn-secondary">
              {t("signIn")}
            </Link>
          </div>
        </section>

        <section aria-labelledby="landing-features">
          <h2 id="landing-features" className="landing-section-title">
            {t("featuresTitle")}
          </h2>
          <ul className="landing-features">
            {FEATURES.map((f) => (
              <li key={f.key} className="landing-feature">
                <span className="landing-icon">
                  <Icon name={f.icon} />
                </span>
                <div>
                  <h3>{t(`features.${f.key}.title`)}</h3>
                  <p className="muted">{t(`features.${f.key}.text`)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>

        <section className="landing-trust" aria-labelledby="landing-trust">
          <h2 id="landing-trust">{t("trustTitle")}</h2>
          <ul>
            {PROMISES.map((p) => (
              <li key={p}>
                <Icon name="check" size={20} />
                <span>{t(`trust.${p}`)}</span>
              </li>
            ))}
          </ul>
        </section>

        <p className="landing-again">
          {t("haveAccount")} <Link href="/sign-in">{t("signIn")}</Link>
        </p>
      </main>
    </div>
  );
}
