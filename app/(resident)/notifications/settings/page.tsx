import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { NotificationSettingsView } from "./settings-view";

export async function generateMetadata() {
  const t = await getTranslations("notificationCentre");
  return { title: t("settingsTitle") };
}

export default async function NotificationSettingsPage() {
  await requireSession();
  return <NotificationSettingsView />;
}
