import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { ConversationView } from "./conversation-view";

export async function generateMetadata() {
  const t = await getTranslations("chat");
  return { title: t("title") };
}

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <ConversationView id={id} />;
}
