import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { NotificationsView } from "./notifications-view";

export async function generateMetadata() {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

export default async function NotificationsPage() {
  await requireSession();
  // The first page of the list in the first HTML (the same input and paging as the view's).
  await prefetch((trpc) => [trpc.notifications.list.infiniteQueryOptions({}, { getNextPageParam: (last) => last.nextCursor ?? undefined })]);
  return (
    <Hydrate>
      <NotificationsView />
    </Hydrate>
  );
}
