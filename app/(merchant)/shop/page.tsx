import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { MerchantView } from "./merchant-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("myShop") };
}

export default async function MerchantPage() {
  await requireSession(["merchant"]);
  return <MerchantView />;
}
