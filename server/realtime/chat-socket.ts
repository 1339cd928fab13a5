// Chat over the socket: the same service as the tRPC router, with acknowledgements.
// Every payload is parsed with the chat schemas; anything else is answered with an error
// and changes nothing. Rooms are per user, so a socket never "joins" a conversation: it
// can only ask about conversations its user takes part in (participant() says NOT_FOUND
// otherwise), and messages reach it only through its own user room.
import type { Socket } from "socket.io";
import { ZodError, type ZodType } from "zod";
import type { TSendLimiter } from "../chat/limits";
import { ZMarkInput, ZSendInput, ZSyncInput, ZTypingInput } from "../chat/schema";
import * as chat from "../chat/service";
import type { Db } from "../db";
import { AppError, isAppError } from "../errors";
import { checkInput } from "../lib/input";
import { log } from "../log";
import { rooms, type ClientToServerEvents, type ServerToClientEvents, type SocketData, type TAck } from "./events";
import type { TIo } from "./io";

type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

function toError(err: unknown): Extract<TAck<never>, { ok: false }>["error"] {
  if (isAppError(err)) return { code: err.code, message: err.message, params: err.params ?? null };
  if (err instanceof ZodError) {
    return { code: "INVALID_INPUT", message: `Invalid input: ${err.issues.map((i) => `${i.path.join(".") || "input"} (${i.message})`).join(", ")}`, params: null };
  }
  log.error({ err }, "chat socket handler failed");
  return { code: "INTERNAL", message: "Internal error", params: null };
}

/** Runs a handler and answers through `ack` (when the client asked for one). */
function answer<I, O>(schema: ZodType<I>, run: (input: I) => Promise<O>) {
  return (raw: unknown, ack?: (r: TAck<O>) => void) => {
    const reply = typeof ack === "function" ? ack : () => {};
    let input: I;
    try {
      checkInput(raw);
      input = schema.parse(raw);
    } catch (err) {
      reply({ ok: false, error: toError(err) });
      return;
    }
    run(input).then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => reply({ ok: false, error: toError(err) }),
    );
  };
}

const TYPING_CACHE_MS = 10_000;

export function registerChat(io: TIo, socket: TSocket, db: Db, deps: { limiter: TSendLimiter }) {
  const userId = socket.data.userId;
  // A conversation's two people never change, so this socket's side in each conversation is
  // looked up once (NOT_FOUND is not remembered). Whether it is blocked can change: sends
  // re-check that in their transaction, typing every 10 s below.
  const sides = new Map<string, Promise<chat.TParticipant>>();
  const whoIn = (conversationId: string) => {
    let known = sides.get(conversationId);
    if (!known) {
      if (sides.size > 500) sides.clear();
      known = chat.participant(db, userId, conversationId);
      known.catch(() => sides.delete(conversationId));
      sides.set(conversationId, known);
    }
    return known;
  };

  // Who is where, for typing signals (sent often, never stored): checked against the
  // database at most every 10 s per conversation.
  const seen = new Map<string, { who: chat.TParticipant; blocked: boolean; at: number }>();

  // One socket's sends are stored in the order they arrived (socket.io keeps packet order
  // on a connection), so one sender's messages keep their order in the conversation.
  let queue: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(run: () => Promise<T>): Promise<T> => {
    // Sends still queued when their socket goes are dropped: nobody could hear the answer,
    // and the client sends them again (same clientId) once it is back.
    const step = () => (socket.connected ? run() : Promise.reject(new AppError("INTERNAL", "disconnected")));
    const next = queue.then(step, step);
    queue = next.catch(() => {});
    return next;
  };
  socket.on("chat:send", answer(ZSendInput, (input) => inOrder(async () => chat.sendMessage(db, userId, input, { ...deps, who: await whoIn(input.conversationId) }))));
  socket.on("chat:sync", answer(ZSyncInput, async (input) => chat.sinceSeq(db, userId, input, await whoIn(input.conversationId))));
  socket.on("chat:delivered", answer(ZMarkInput, async (input) => chat.markDelivered(db, userId, input, await whoIn(input.conversationId))));
  socket.on("chat:read", answer(ZMarkInput, async (input) => chat.markRead(db, userId, input, await whoIn(input.conversationId))));
  socket.on("chat:typing", (raw: unknown) => {
    const parsed = ZTypingInput.safeParse(raw);
    if (!parsed.success) return;
    const { conversationId } = parsed.data;
    void (async () => {
      let entry = seen.get(conversationId);
      if (!entry || Date.now() - entry.at > TYPING_CACHE_MS) {
        const who = await chat.participant(db, userId, conversationId);
        entry = { who, blocked: who.isBlocked, at: Date.now() };
        if (seen.size > 500) seen.clear();
        seen.set(conversationId, entry);
      }
      if (entry.blocked) return;
      const other = entry.who.side === "resident" ? entry.who.ownerId : entry.who.residentId;
      io.to(rooms.user(other)).emit("chat:typing", { conversationId, side: entry.who.side });
    })().catch(() => {
      // Not a participant (or gone): typing signals get no answer either way.
    });
  });
}
