import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../../_lib/prefetch";
import { requireSession } from "../../../_lib/server";
import { NotificationSettingsView } from "./settings-view";

export async function generateMetadata() {
  const t = await getTranslations("notificationCentre");
  return { title: t("settingsTitle") };
}

export default async function NotificationSettingsPage() {
  await requireSession();
  await prefetch((trpc) => [trpc.notifications.preferences.queryOptions()]);
  return (
    <Hydrate>
      <NotificationSettingsView />
    </Hydrate>
  );
}
