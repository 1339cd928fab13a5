import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { OrdersView } from "./orders-view";

export async function generateMetadata() {
  const t = await getTranslations("orders");
  return { title: t("title") };
}

export default async function OrdersPage() {
  await requireSession();
  return <OrdersView />;
}
