// Messages: stored before anyone is told (the sequence number taken from the conversation
// row in the same transaction), a retried send returns the stored message ((senderId,
// clientId) is unique), and a client that was away asks for what follows its last seq.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client";
import { sqlOf, type Db } from "../db";
import { AppError } from "../errors";
import { notify } from "../notifications/service";
import { publish } from "../realtime/emit";
import { photoUrl } from "../storage/photos";
import { consumeSend, type TSendLimiter } from "./limits";
import type { TChatMessage, TSendInput } from "./schema";
import { isRecordNotFound, isUniqueViolation } from "../lib/db-errors";
import { otherReceipt, participant, receiptSelect, type TParticipant } from "./conversations";

export const SYNC_PAGE = 200;

// ─── Messages ──────────────────────────────────────────────────────────────

const messageInclude = {
  photo: { select: { id: true, width: true, height: true } },
  order: { select: { id: true, number: true } },
  conversation: { select: { residentId: true } },
} satisfies Prisma.MessageInclude;
type MessageRow = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

export function toMessage(m: MessageRow): TChatMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    side: m.senderId === m.conversation.residentId ? "resident" : "merchant",
    body: m.body,
    photo: m.photo ? { url: photoUrl(m.photo.id)!, width: m.photo.width, height: m.photo.height } : null,
    order: m.order ? { id: m.order.id, number: m.order.number } : null,
    createdAt: m.createdAt.toISOString(),
  };
}

export type TSendResult = { message: TChatMessage; isReplay: boolean };

/**
 * Stores a message, then announces it. A replay of a stored clientId returns the stored
 * message (and counts against nothing). Refusals change nothing.
 */
export async function sendMessage(
  db: Db,
  userId: string,
  input: TSendInput,
  deps: { limiter: TSendLimiter; /** this user's side, already checked (the socket layer caches it) */ who?: TParticipant },
  now = new Date(),
): Promise<TSendResult> {
  // A retry is found by the unique index when its insert fails (below), not looked up first:
  // retries are rare, and the common case saves a query.
  const who = deps.who?.conversationId === input.conversationId ? deps.who : await participant(db, userId, input.conversationId);
  // A fresh look says whether it is blocked now; a cached one may be stale, so the send's
  // conditional update decides.
  if (who !== deps.who && who.isBlocked) {
    const replay = await findReplay(db, userId, input);
    if (replay) return replay;
    throw new AppError("CHAT_BLOCKED", "This conversation is blocked");
  }
  let photo: TChatMessage["photo"] = null;
  if (input.photoId) {
    const p = await db.photo.findFirst({ where: { id: input.photoId, ownerId: userId }, select: { id: true, width: true, height: true } });
    if (!p) throw new AppError("PHOTO_INVALID", "Upload the photo first");
    photo = { url: photoUrl(p.id)!, width: p.width, height: p.height };
  }
  let order: TChatMessage["order"] = null;
  if (input.orderId) {
    order = await db.order.findFirst({ where: { id: input.orderId, shopId: who.shopId, userId: who.residentId }, select: { id: true, number: true } });
    if (!order) throw new AppError("NOT_FOUND", "Order not found");
  }
  // Counted only once everything else says yes: a refused send costs nothing, nor does a
  // retry of a stored message (even over the limit).
  try {
    await consumeSend(deps.limiter, userId);
  } catch (e) {
    const replay = await findReplay(db, userId, input);
    if (replay) return replay;
    throw e;
  }

  let stored: { id: string; seq: number; recipientUnread: number };
  try {
    // Two statements while holding the conversation row: nothing else, so that senders in
    // one conversation wait for each other as briefly as possible.
    // One batch (no round trips between the two statements): the conversation's counter
    // moves (conditional on no block), and the message takes the new number and the same
    // timestamp from that row.
    const messageId = randomUUID();
    const c = sqlOf(db).kind === "postgres" ? await sendStatement(db, who, userId, input, messageId, now) : await sendBatch(db, who, userId, input, messageId, now);
    stored = { id: messageId, seq: c.lastSeq, recipientUnread: who.side === "resident" ? c.merchantUnread : c.residentUnread };
  } catch (e) {
    const isBlocked = isRecordNotFound(e) || e instanceof ChatNotSent;
    if (!isBlocked && !isUniqueViolation(e)) throw e;
    await deps.limiter.reward(userId, 1).catch(() => {});
    // A retry of a stored message (its insert hit the unique index, or the conversation was
    // blocked since it was stored) gets the stored message back.
    const replay = await findReplay(db, userId, input);
    if (replay) return replay;
    if (isBlocked) throw new AppError("CHAT_BLOCKED", "This conversation is blocked");
    throw e;
  }
  const message: TChatMessage = {
    id: stored.id,
    conversationId: who.conversationId,
    seq: stored.seq,
    clientId: input.clientId,
    side: who.side,
    body: input.body,
    photo,
    order,
    createdAt: now.toISOString(),
  };
  publish({ type: "chat.message", conversationId: who.conversationId, residentId: who.residentId, ownerId: who.ownerId, message });
  // The notification centre hears of the first unread message of a burst, not of each one.
  if (stored.recipientUnread === 1) await notifyFirstUnread(db, who, stored.seq);
  return { message, isReplay: false };
}

type TSent = { lastSeq: number; residentUnread: number; merchantUnread: number };

/** SQLite: the two statements as one Prisma batch transaction. */
async function sendBatch(db: Db, who: TParticipant, userId: string, input: TSendInput, messageId: string, now: Date): Promise<TSent> {
  const [c] = await db.$transaction([
    db.conversation.update({
      where: { id: who.conversationId, residentBlockedAt: null, merchantBlockedAt: null },
      data: { lastSeq: { increment: 1 }, lastMessageAt: now, ...(who.side === "resident" ? { merchantUnread: { increment: 1 } } : { residentUnread: { increment: 1 } }) },
      select: { lastSeq: true, residentUnread: true, merchantUnread: true },
    }),
    db.$executeRaw`INSERT INTO "Message" ("id", "conversationId", "seq", "senderId", "clientId", "body", "photoId", "orderId", "createdAt")
      SELECT ${messageId}, "id", "lastSeq", ${userId}, ${input.clientId}, ${input.body}, ${input.photoId ?? null}, ${input.orderId ?? null}, "lastMessageAt"
      FROM "Conversation" WHERE "id" = ${who.conversationId}`,
  ]);
  return c;
}

/**
 * PostgreSQL: the same two writes as ONE statement on the driver (a data-modifying WITH),
 * atomic on its own: one round trip instead of BEGIN, two statements and COMMIT, each
 * through Prisma. No row back means the update found no unblocked conversation (nothing
 * was written); a retry fails on the unique index like the batch does.
 */
async function sendStatement(db: Db, who: TParticipant, userId: string, input: TSendInput, messageId: string, now: Date): Promise<TSent> {
  const unread = who.side === "resident" ? `"merchantUnread" = "merchantUnread" + 1` : `"residentUnread" = "residentUnread" + 1`;
  const rows = await sqlOf(db).all<TSent>(
    `WITH c AS (UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "lastMessageAt" = ?, ${unread}
                 WHERE "id" = ? AND "residentBlockedAt" IS NULL AND "merchantBlockedAt" IS NULL
                 RETURNING "id", "lastSeq", "lastMessageAt", "residentUnread", "merchantUnread"),
          m AS (INSERT INTO "Message" ("id", "conversationId", "seq", "senderId", "clientId", "body", "photoId", "orderId", "createdAt")
                 SELECT ?, "id", "lastSeq", ?, ?, ?, ?, ?, "lastMessageAt" FROM c)
     SELECT "lastSeq", "residentUnread", "merchantUnread" FROM c`,
    [now, who.conversationId, messageId, userId, input.clientId, input.body, input.photoId ?? null, input.orderId ?? null],
  );
  if (!rows[0]) throw new ChatNotSent();
  return rows[0];
}

/** The send's update matched no conversation that is not blocked (like Prisma's P2025). */
class ChatNotSent extends Error {}

async function notifyFirstUnread(db: Db, who: TParticipant, seq: number) {
  // On the driver: the first message of a burst is most messages when many people chat a
  // little, and this read through Prisma (three statements) cost as much CPU as the send.
  const [c] = await sqlOf(db).all<{ residentName: string; shopName: string }>(
    `SELECT u."name" AS "residentName", s."name" AS "shopName" FROM "Conversation" c JOIN "User" u ON u."id" = c."residentId" JOIN "Shop" s ON s."id" = c."shopId" WHERE c."id" = ?`,
    [who.conversationId],
  );
  if (!c) throw new AppError("NOT_FOUND", "Conversation not found");
  const toResident = who.side === "merchant";
  await notify(db, [
    {
      userId: toResident ? who.residentId : who.ownerId,
      kind: "chatMessage",
      params: { from: toResident ? c.shopName : c.residentName },
      ref: who.conversationId,
      dedupeKey: `chat:${who.conversationId}:${seq}`,
      // One entry per conversation: a new burst makes it unread again.
      groupKey: `chat:${who.conversationId}`,
    },
  ]);
}

async function findReplay(db: Db, userId: string, input: TSendInput): Promise<TSendResult | null> {
  const m = await db.message.findUnique({ where: { senderId_clientId: { senderId: userId, clientId: input.clientId } }, include: messageInclude });
  if (!m) return null;
  if (
    m.conversationId !== input.conversationId ||
    m.body !== input.body ||
    (m.photoId ?? null) !== (input.photoId ?? null) ||
    (m.orderId ?? null) !== (input.orderId ?? null)
  ) {
    throw new AppError("IDEMPOTENCY_MISMATCH", "This message id was already used for another message");
  }
  return { message: toMessage(m), isReplay: true };
}

/** What came after `afterSeq`, in order (at most SYNC_PAGE; hasMore says ask again). */
export async function sinceSeq(db: Db, userId: string, input: { conversationId: string; afterSeq: number }, known?: TParticipant) {
  const who = known?.conversationId === input.conversationId ? known : await participant(db, userId, input.conversationId);
  const [rows, c] = await Promise.all([
    db.message.findMany({ where: { conversationId: who.conversationId, seq: { gt: input.afterSeq } }, orderBy: { seq: "asc" }, take: SYNC_PAGE + 1, include: messageInclude }),
    db.conversation.findUniqueOrThrow({ where: { id: who.conversationId }, select: receiptSelect }),
  ]);
  const hasMore = rows.length > SYNC_PAGE;
  return { messages: rows.slice(0, SYNC_PAGE).map(toMessage), hasMore, other: otherReceipt(c, who.side) };
}

/** Older messages, newest page first (for scrolling up); returned oldest first. */
export async function history(db: Db, userId: string, input: { conversationId: string; beforeSeq?: number | null; limit: number }) {
  const who = await participant(db, userId, input.conversationId);
  const rows = await db.message.findMany({
    where: { conversationId: who.conversationId, ...(input.beforeSeq ? { seq: { lt: input.beforeSeq } } : {}) },
    orderBy: { seq: "desc" },
    take: input.limit + 1,
    include: messageInclude,
  });
  const hasMore = rows.length > input.limit;
  return { messages: rows.slice(0, input.limit).reverse().map(toMessage), hasMore };
}
