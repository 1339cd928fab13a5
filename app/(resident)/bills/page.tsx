import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch, prefetched } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { BillsView } from "./bills-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("bills") };
}

export default async function BillsPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  await requireSession();
  const { tab } = await searchParams;
  // What the view shows first: the tab's bills of every unit, the wallet, and the chart of the first unit.
  const [units] = await Promise.all([
    prefetched((trpc) => trpc.bills.listUnits.queryOptions()),
    prefetch((trpc) => [trpc.bills.list.queryOptions({ status: tab === "paid" ? "paid" : "due" }), trpc.wallet.get.queryOptions()]),
  ]);
  const first = units?.[0]?.id;
  if (first) await prefetch((trpc) => [trpc.bills.history.queryOptions({ unitId: first })]);
  return (
    <Hydrate>
      <BillsView />
    </Hydrate>
  );
}
