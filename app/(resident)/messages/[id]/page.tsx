import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { readForTitle } from "../../../_lib/titles";
import { ConversationView } from "./conversation-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const c = await readForTitle((api) => api.chat.get({ id }));
  if (c) {
    const t = await getTranslations("titles");
    // The other side: the shop for its resident, the resident for the shop.
    return { title: t("conversation", { name: c.side === "resident" ? c.shop.name : c.residentName }) };
  }
  const t = await getTranslations("chat");
  return { title: t("title") };
}

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <ConversationView id={id} />;
}
