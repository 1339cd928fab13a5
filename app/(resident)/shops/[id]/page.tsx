import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { readForTitle } from "../../../_lib/titles";
import { ShopView } from "./shop-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const found = await readForTitle((api) => api.shops.get({ id }));
  if (found) return { title: found.shop.name };
  const t = await getTranslations("nav");
  return { title: t("shops") };
}

export default async function ShopPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <ShopView id={id} />;
}
