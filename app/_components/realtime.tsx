"use client";
// One socket.io connection per signed-in tab. Events say what changed; this refreshes the
// matching queries, so pages update without reload and see only what the API lets them.
// socket.io's client is loaded once the page runs, and only for a signed-in person; what
// each event refetches comes from the root layout (read on the server from socket-events.ts,
// whose zod schemas need not reach the browser).
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "~/server/realtime/events";
import { leaveEndedSession } from "../_lib/session-ended";

/** Event name → the tRPC paths it makes the page refetch (`socketRefetchMap()`). */
export type TRefetchMap = Record<string, readonly string[]>;

type TSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type State = { socket: TSocket | null; isConnected: boolean };
const Ctx = createContext<State>({ socket: null, isConnected: false });
export const useRealtime = () => useContext(Ctx);

export function RealtimeProvider({ children, refetch }: { children: React.ReactNode; refetch: TRefetchMap | null }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>({ socket: null, isConnected: false });
  // The map is built once per request on the server; its identity may change on navigation.
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;
  const isEnabled = refetch !== null;

  useEffect(() => {
    if (!isEnabled) return;
    let stop: (() => void) | null = null;
    let isCancelled = false;
    void import("socket.io-client").then(({ io }) => {
      if (isCancelled) return;
      stop = wire(io({ path: "/socket.io", withCredentials: true }), queryClient, refetchRef, setState);
    });
    return () => {
      isCancelled = true;
      stop?.();
    };
  }, [isEnabled, queryClient]);

  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

/** Listens on a new socket: state, refetches, delivered marks, the browser's online/offline. Returns its clean-up. */
function wire(socket: TSocket, queryClient: QueryClient, refetchRef: { current: TRefetchMap | null }, setState: (s: State) => void) {
  setState({ socket, isConnected: false });
  // After a reconnection that socket.io could not recover (another instance, a restart, a
  // long drop), events may have been missed: what is on screen refetches. (An open chat
  // resyncs by itself, from its own sequence numbers.)
  let hasConnected = false;
  socket.on("connect", () => {
    if (hasConnected && !socket.recovered) {
      void queryClient.invalidateQueries({ predicate: (q) => !JSON.stringify(q.queryKey[0]).startsWith('["chat","history"') });
    }
    hasConnected = true;
    setState({ socket, isConnected: true });
  });
  socket.on("disconnect", () => setState({ socket, isConnected: false }));
  // Refused at the handshake: the session ended (signed out elsewhere, password changed).
  socket.on("connect_error", (err) => {
    if (err.message === "UNAUTHENTICATED") leaveEndedSession();
  });
  // What each event makes the page refetch is declared with the event (socket-events.ts).
  for (const name of Object.keys(refetchRef.current ?? {})) {
    (socket as unknown as Socket).on(name, () => {
      for (const path of refetchRef.current?.[name] ?? []) void queryClient.invalidateQueries({ queryKey: [path.split(".")] });
    });
  }
  // Whatever chat message reaches this tab from the other side is acknowledged as
  // delivered, per conversation, at most every 300 ms.
  const deliveredUpTo = new Map<string, number>();
  let deliveredTimer: ReturnType<typeof setTimeout> | null = null;
  socket.on("chat:message", (m) => {
    if (m.mine) return;
    deliveredUpTo.set(m.conversationId, Math.max(deliveredUpTo.get(m.conversationId) ?? 0, m.seq));
    deliveredTimer ??= setTimeout(() => {
      deliveredTimer = null;
      for (const [conversationId, seq] of deliveredUpTo) socket.emit("chat:delivered", { conversationId, seq });
      deliveredUpTo.clear();
    }, 300);
  });
  // The browser knows at once when the network goes; the socket's heartbeat would take up
  // to 45 s to notice. Close the transport then (it retries until the network is back,
  // and the chat resyncs and sends what waits on reconnecting), and retry at once when the
  // browser is online again.
  const onOffline = () => socket.io.engine?.close();
  const onOnline = () => {
    if (!socket.connected) socket.connect();
  };
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  // A server that says "disconnected" on purpose (e.g. shutting down) is still worth
  // reconnecting to: another instance or its restart will answer.
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);
  });
  return () => {
    window.removeEventListener("offline", onOffline);
    window.removeEventListener("online", onOnline);
    socket.disconnect();
    setState({ socket: null, isConnected: false });
  };
}

/** Runs `handler` for a socket event while the calling component is mounted. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]) {
  const { socket } = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const fn = ((...args: Parameters<ServerToClientEvents[E]>) => (ref.current as (...a: unknown[]) => void)(...args)) as never;
    socket.on(event, fn);
    return () => {
      socket.off(event, fn);
    };
  }, [socket, event]);
}
