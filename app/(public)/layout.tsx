import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicHeader } from "../_components/public-header";
import { getSession } from "../_lib/server";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  if (await getSession()) redirect("/home");
  const t = await getTranslations("common");
  return (
    <div className="auth-page">
      <PublicHeader />
      <main className="auth-main">
        <p className="tagline">{t("tagline")}</p>
        {children}
      </main>
    </div>
  );
}
