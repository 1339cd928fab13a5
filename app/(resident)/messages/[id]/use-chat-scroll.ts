"use client";
// The conversation's scrolling and reading: stay at the bottom as messages come, keep the
// place when older ones load above, load older pages when the top comes into view, and mark
// as read what is on screen while the page is visible.
import { useEffect, useLayoutEffect, useRef } from "react";
import type { useChat } from "../../../_lib/chat/use-chat";

export type TChat = ReturnType<typeof useChat>;

export function useChatScroll(chat: TChat) {
  const listRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const isNearBottom = useRef(true);
  const lastRead = useRef(0);

  // ─── Scrolling: stay at the bottom as messages come, keep the place when older load.
  const prevHeight = useRef(0);
  const prevFirst = useRef<number | null>(null);
  const count = chat.messages.length + chat.outbox.length;
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const first = chat.messages[0]?.seq ?? null;
    if (prevFirst.current !== null && first !== null && first < prevFirst.current) {
      el.scrollTop += el.scrollHeight - prevHeight.current; // older ones were added above
    } else if (isNearBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    prevFirst.current = first;
    prevHeight.current = el.scrollHeight;
  }, [count, chat.messages, chat.isTyping]);

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    isNearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    prevHeight.current = el.scrollHeight;
    markRead();
  };

  // Older pages load when the top comes into view.
  const { hasOlder, loadOlder } = chat;
  useEffect(() => {
    const el = topRef.current;
    if (!el || !hasOlder) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadOlder(), { root: listRef.current, rootMargin: "200px 0px 0px 0px" });
    io.observe(el);
    return () => io.disconnect();
  }, [hasOlder, loadOlder]);

  // ─── Read: what is on screen while the page is visible.
  const markRead = () => {
    const s = chat.session;
    if (!s || document.visibilityState !== "visible" || !isNearBottom.current) return;
    if (s.syncedTo > lastRead.current) {
      lastRead.current = s.syncedTo;
      s.markRead(s.syncedTo);
    }
  };
  useEffect(markRead);
  useEffect(() => {
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  });

  return { listRef, topRef, onScroll };
}
