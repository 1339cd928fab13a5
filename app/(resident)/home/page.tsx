import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { HomeView } from "./home-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("home") };
}

export default async function HomePage() {
  const session = await requireSession();
  return <HomeView name={session.name} isManager={session.roles.includes("manager") || session.roles.includes("admin")} />;
}
