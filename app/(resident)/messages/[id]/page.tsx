import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../../_lib/prefetch";
import { requireSession } from "../../../_lib/server";
import { displayName } from "../../../_lib/display-name";
import { readForTitle } from "../../../_lib/titles";
import { ConversationView } from "./conversation-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const c = await readForTitle((api) => api.chat.get({ id }));
  if (c) {
    const [t, tc] = await Promise.all([getTranslations("titles"), getTranslations("common")]);
    // The other side: the shop for its resident, the resident for the shop.
    return { title: t("conversation", { name: c.side === "resident" ? c.shop.name : displayName(c.residentName, tc("deletedUser")) }) };
  }
  const t = await getTranslations("chat");
  return { title: t("title") };
}

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  // The conversation and its newest page of messages (the same input as useChat's first page).
  await prefetch((trpc) => [trpc.chat.get.queryOptions({ id }), trpc.chat.history.queryOptions({ conversationId: id, limit: 50 })]);
  return (
    <Hydrate>
      <ConversationView id={id} />
    </Hydrate>
  );
}
