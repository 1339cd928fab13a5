import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { ShopsView } from "./shops-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("shops") };
}

export default async function ShopsPage() {
  await requireSession();
  return <ShopsView />;
}
