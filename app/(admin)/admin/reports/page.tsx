import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { ReportsView } from "./reports-view";

export async function generateMetadata() {
  const t = await getTranslations("chatReports");
  return { title: t("title") };
}

export default async function ReportsPage() {
  await requireSession(["admin"]);
  return <ReportsView />;
}
