import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { InboxView } from "./inbox-view";

export async function generateMetadata() {
  const t = await getTranslations("chat");
  return { title: t("title") };
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ as?: string }> }) {
  const session = await requireSession();
  const isMerchant = session.roles.includes("merchant");
  const isResident = session.roles.includes("resident");
  // The inbox the view opens on (its `as`, chosen the same way) and the unread counts.
  const asParam = (await searchParams).as;
  const as = asParam === "resident" || asParam === "merchant" ? asParam : isMerchant ? "merchant" : "resident";
  await prefetch((trpc) => [
    trpc.chat.unreadCount.queryOptions(),
    trpc.chat.list.infiniteQueryOptions({ as }, { getNextPageParam: (last) => last.nextCursor ?? undefined, initialCursor: null }),
  ]);
  return (
    <Hydrate>
      <InboxView isMerchant={isMerchant} isResident={isResident} />
    </Hydrate>
  );
}
