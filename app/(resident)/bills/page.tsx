import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { BillsView } from "./bills-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("bills") };
}

export default async function BillsPage() {
  await requireSession();
  return <BillsView />;
}
