"use client";
// One open conversation in React: the newest page of history through tRPC, then a
// ChatSession on the tab's socket for live messages, sends, resync and receipts.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { TSide } from "~/server/chat/schema";
import { useRealtime, useSocketEvent } from "../../_components/realtime";
import { useTRPC } from "../trpc";
import { ChatSession } from "./session";

const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2000;

export function useChat(conversationId: string, side: TSide | null, other: { deliveredSeq: number; readSeq: number } | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { socket } = useRealtime();
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const [session, setSession] = useState<ChatSession | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [isLoadingOlder, setLoadingOlder] = useState(false);
  const [typingUntil, setTypingUntil] = useState(0);
  const lastTypingSent = useRef(0);

  // The newest page, fetched fresh each time the conversation opens.
  const first = useQuery({
    ...trpc.chat.history.queryOptions({ conversationId, limit: 50 }),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

  const isReady = !!socket && !!first.data && !!side;
  const firstData = first.data;
  const otherRef = useRef(other);
  otherRef.current = other;
  useEffect(() => {
    if (!isReady || !socket || !firstData || !side) return;
    const s = new ChatSession(socket, conversationId, side, { storage: window.localStorage, onChange: rerender, sendDelivered: false });
    s.start({ messages: firstData.messages, other: otherRef.current ?? undefined });
    setHasOlder(firstData.hasMore);
    setSession(s);
    return () => {
      s.stop();
      setSession(null);
    };
  }, [isReady, socket, conversationId, side, firstData]);

  // Receipts known from the conversation query (e.g. after a refetch) move ticks forward.
  useEffect(() => {
    if (session && other) {
      session.other = {
        deliveredSeq: Math.max(session.other.deliveredSeq, other.deliveredSeq, other.readSeq),
        readSeq: Math.max(session.other.readSeq, other.readSeq),
      };
      rerender();
    }
  }, [session, other]);

  const loadOlder = useCallback(async () => {
    if (!session || isLoadingOlder || !hasOlder) return;
    setLoadingOlder(true);
    try {
      const page = await queryClient.fetchQuery({ ...trpc.chat.history.queryOptions({ conversationId, beforeSeq: session.oldestSeq, limit: 50 }), staleTime: 0 });
      session.prepend(page.messages);
      setHasOlder(page.hasMore);
    } finally {
      setLoadingOlder(false);
    }
  }, [session, isLoadingOlder, hasOlder, queryClient, trpc, conversationId]);

  useSocketEvent("chat:typing", (e) => {
    if (e.conversationId === conversationId && e.side !== side) setTypingUntil(Date.now() + TYPING_SHOWN_MS);
  });
  // A message from them ends their "typing…".
  const lastTheirs = session?.messages.findLast((m) => m.side !== side)?.seq ?? 0;
  useEffect(() => setTypingUntil(0), [lastTheirs]);
  const [, tick] = useReducer((x: number) => x + 1, 0);
  useEffect(() => {
    if (!typingUntil) return;
    const timer = setTimeout(tick, Math.max(0, typingUntil - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typingUntil]);

  const notifyTyping = useCallback(() => {
    if (!socket?.connected || Date.now() - lastTypingSent.current < TYPING_SENT_EVERY_MS) return;
    lastTypingSent.current = Date.now();
    socket.emit("chat:typing", { conversationId });
  }, [socket, conversationId]);

  return {
    session,
    isLoading: first.isPending,
    isError: first.isError,
    retryLoad: () => void first.refetch(),
    messages: session?.messages ?? firstData?.messages ?? [],
    outbox: session?.outbox ?? [],
    other: session?.other ?? other ?? { deliveredSeq: 0, readSeq: 0 },
    syncedTo: session?.syncedTo ?? 0,
    hasOlder,
    isLoadingOlder,
    loadOlder,
    isTyping: typingUntil > Date.now(),
    notifyTyping,
  };
}
