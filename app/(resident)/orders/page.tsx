import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { OrdersView } from "./orders-view";

export async function generateMetadata() {
  const t = await getTranslations("orders");
  return { title: t("title") };
}

export default async function OrdersPage() {
  await requireSession();
  await prefetch((trpc) => [trpc.orders.list.queryOptions()]);
  return (
    <Hydrate>
      <OrdersView />
    </Hydrate>
  );
}
