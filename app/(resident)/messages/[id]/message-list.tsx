"use client";
// The scrolling list of a conversation: what is above (loading, older pages, the beginning),
// stored messages grouped by day, messages still being sent, and their "typing" dots.
import { useFormatter, useTranslations } from "next-intl";
import type { RefObject } from "react";
import type { TChatMessage, TSide } from "~/server/chat/schema";
import { LoadError, Loading } from "../../../_components/ui";
import { Bubble, PendingBubble } from "./message-bubble";
import type { TChat } from "./use-chat-scroll";

type Props = {
  chat: TChat;
  side: TSide;
  name: string;
  listRef: RefObject<HTMLDivElement | null>;
  topRef: RefObject<HTMLDivElement | null>;
  onScroll: () => void;
};

export function MessageList({ chat, side, name, listRef, topRef, onScroll }: Props) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const days = groupByDay(chat.messages);
  return (
    <div className="chat-scroll" ref={listRef} onScroll={onScroll} data-testid="messages">
      <div ref={topRef} className="chat-top">
        {chat.isLoading ? (
          <Loading />
        ) : chat.isError ? (
          <LoadError onRetry={chat.retryLoad} />
        ) : chat.hasOlder ? (
          <p className="muted small">{t("loadingOlder")}</p>
        ) : (
          <p className="muted small">{t("beginning", { name })}</p>
        )}
      </div>
      {days.map(([day, messages]) => (
        <section key={day} aria-label={dayLabel(day, t, format)}>
          <p className="chat-day">
            <span>{dayLabel(day, t, format)}</span>
          </p>
          <ol className="bubbles">
            {messages.map((m) => (
              <Bubble key={m.seq} m={m} isMine={m.side === side} other={chat.other} canReport={m.side !== side} />
            ))}
          </ol>
        </section>
      ))}
      {chat.outbox.length > 0 && (
        <ol className="bubbles" data-testid="outbox">
          {chat.outbox.map((item) => (
            <PendingBubble key={item.clientId} item={item} onRetry={() => chat.session?.retry(item.clientId)} onDiscard={() => chat.session?.discard(item.clientId)} />
          ))}
        </ol>
      )}
      {chat.isTyping && (
        <p className="bubble-typing" aria-hidden="true">
          <span />
          <span />
          <span />
        </p>
      )}
    </div>
  );
}

// ─── Days ──────────────────────────────────────────────────────────────────

function groupByDay(messages: TChatMessage[]): [string, TChatMessage[]][] {
  const days = new Map<string, TChatMessage[]>();
  for (const m of messages) {
    const d = new Date(m.createdAt);
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const list = days.get(key);
    if (list) list.push(m);
    else days.set(key, [m]);
  }
  return [...days.entries()];
}

function dayLabel(day: string, t: ReturnType<typeof useTranslations<"chat">>, format: ReturnType<typeof useFormatter>) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const diff = Math.round((today.getTime() - date.getTime()) / 86_400_000);
  if (diff === 0) return t("today");
  if (diff === 1) return t("yesterday");
  return format.dateTime(date, { weekday: "long", day: "numeric", month: "long" });
}
