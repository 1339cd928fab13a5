import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicHeader } from "../_components/public-header";
import { SkipLink } from "../_components/skip-link";
import { getSession } from "../_lib/server";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  if (await getSession()) redirect("/home");
  const t = await getTranslations("common");
  return (
    <div className="auth-page">
      <SkipLink />
      <PublicHeader />
      <main className="auth-main" id="main" tabIndex={-1}>
        <p className="tagline">{t("tagline")}</p>
        {children}
      </main>
    </div>
  );
}
