import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { NotificationsView } from "./notifications-view";

export async function generateMetadata() {
  const t = await getTranslations("notifications");
  return { title: t("title") };
}

export default async function NotificationsPage() {
  await requireSession();
  return <NotificationsView />;
}
