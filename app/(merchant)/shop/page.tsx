import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch, prefetched } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { MerchantView } from "./merchant-view";
import { pickShop } from "./pick-shop";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("myShop") };
}

export default async function MerchantPage({ searchParams }: { searchParams: Promise<{ tab?: string; shop?: string }> }) {
  await requireSession(["merchant"]);
  // The shop (the one the address names, else the first), then what its open tab shows
  // first (a repairer's view fetches its own).
  const [shops, { tab, shop: asked }] = await Promise.all([prefetched((trpc) => trpc.shops.manage.list.queryOptions()), searchParams]);
  const shop = pickShop(shops, asked);
  if (shop?.kind === "shop") {
    const shopId = shop.id;
    await prefetch((trpc) => [
      ...(shop.status === "approved" ? [trpc.orders.manage.list.queryOptions({ shopId })] : []),
      ...(tab === "catalogue" ? [trpc.shops.manage.listProducts.queryOptions({ shopId })] : []),
      ...(tab === "promotions" ? [trpc.promotions.manage.list.queryOptions({ shopId })] : []),
    ]);
  }
  return (
    <Hydrate>
      <MerchantView />
    </Hydrate>
  );
}
