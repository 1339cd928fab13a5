"use client";
// One conversation: live messages with sent/delivered/read ticks, typing, history when
// scrolling up, photos, the shop's hours and an "away" note, block and report.
// The pieces: conversation-header.tsx (header, order and away notes, block menu),
// message-list.tsx and message-bubble.tsx (the messages), report-form.tsx, composer.tsx,
// and use-chat-scroll.ts (scrolling, older pages, read receipts).
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { TConversation } from "~/server/chat/schema";
import { useRealtime } from "../../../_components/realtime";
import { LoadError, Loading } from "../../../_components/ui";
import { useChat } from "../../../_lib/chat/use-chat";
import { useTRPC } from "../../../_lib/trpc";
import { Composer } from "./composer";
import { ConversationHeader, ConversationNotes } from "./conversation-header";
import { MessageList } from "./message-list";
import { useChatScroll } from "./use-chat-scroll";
import { useDisplayName } from "../../../_lib/display-name";

export function ConversationView({ id }: { id: string }) {
  const trpc = useTRPC();
  const conversation = useQuery(trpc.chat.get.queryOptions({ id }));
  if (conversation.isPending) return <Loading />;
  if (conversation.isError) return <LoadError onRetry={() => void conversation.refetch()} />;
  return <Conversation c={conversation.data} />;
}

function Conversation({ c }: { c: TConversation }) {
  const t = useTranslations("chat");
  const nameOf = useDisplayName();
  const { isConnected } = useRealtime();
  const chat = useChat(c.id, c.side, c.other);
  const name = c.side === "resident" ? c.shop.name : nameOf(c.residentName);
  const { listRef, topRef, onScroll } = useChatScroll(chat);

  const blocked = c.blockedByMe ? t("blockedByMe") : c.blockedByOther ? t("blockedByOther") : null;

  return (
    <div className="page chat-page">
      <ConversationHeader c={c} name={name} isTyping={chat.isTyping} />
      <ConversationNotes c={c} />
      <MessageList chat={chat} side={c.side} name={name} listRef={listRef} topRef={topRef} onScroll={onScroll} />

      {!isConnected && <p className="chat-offline small" role="status">{t("offline")}</p>}
      {blocked ? (
        <p className="notice chat-blocked" role="status" data-testid="blocked-note">
          {blocked}
        </p>
      ) : (
        <Composer c={c} onSend={(input) => chat.session?.send(input)} onTyping={chat.notifyTyping} isReady={!!chat.session} />
      )}
    </div>
  );
}
