import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireSession } from "../../_lib/server";
import { ResidentHome } from "./resident-home";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("home") };
}

// One home per role (issue 15): residents get theirs; the staff home (merchants, managers,
// admins) comes beside it.
export default async function HomePage() {
  const session = await requireSession();
  if (session.roles.includes("resident")) return <ResidentHome name={session.name} />;
  const t = await getTranslations("home");
  const isManager = session.roles.includes("manager") || session.roles.includes("admin");
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("greeting", { name: session.name })}</h1>
      </header>
      {isManager && (
        <section className="card card-accent">
          <header className="card-head">
            <h2>{t("managerTitle")}</h2>
          </header>
          <p className="muted">{t("managerLead")}</p>
          <Link className="btn btn-secondary" href="/buildings">
            {t("managerOpen")}
          </Link>
        </section>
      )}
    </div>
  );
}
