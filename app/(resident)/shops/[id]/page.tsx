import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../../_lib/prefetch";
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
  await prefetch((trpc) => [trpc.shops.get.queryOptions({ id })]);
  return (
    <Hydrate>
      <ShopView id={id} />
    </Hydrate>
  );
}
