import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { InboxView } from "./inbox-view";

export async function generateMetadata() {
  const t = await getTranslations("chat");
  return { title: t("title") };
}

export default async function MessagesPage() {
  const session = await requireSession();
  return <InboxView isMerchant={session.roles.includes("merchant")} isResident={session.roles.includes("resident")} />;
}
