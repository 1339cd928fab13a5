import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { ShopView } from "./shop-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("shops") };
}

export default async function ShopPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <ShopView id={id} />;
}
