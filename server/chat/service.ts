// Chat between a resident and a shop. The rules that make "nothing lost, nothing twice":
//  - a message is stored (its sequence number taken from the conversation row in the same
//    transaction) before anyone is told about it, sender included;
//  - (senderId, clientId) is unique: a retried send finds the stored message and returns it;
//  - a client that was away asks for "after seq N" (sinceSeq) and gets the rest, in order.
// Both the socket handlers (server/realtime/chat-socket.ts) and the tRPC router call here.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client";
import type { Db, DbTx } from "../db";
import { sqlOf } from "../db";
import { AppError } from "../errors";
import { markReadAbout, notify } from "../notifications/service";
import { publish } from "../realtime/emit";
import { openState } from "../lib/hours";
import { photoUrl } from "../storage/photos";
import { deliversTo, ownsShop, takesPart } from "../access";
import { consumeSend, type TSendLimiter } from "./limits";
import type { TChatMessage, TConversation, TReceipt, TSendInput, TSide } from "./schema";
import { isRecordNotFound, isUniqueViolation } from "../lib/db-errors";


export const SYNC_PAGE = 200;

// ─── Who is in a conversation ──────────────────────────────────────────────

export type TParticipant = { conversationId: string; side: TSide; residentId: string; ownerId: string; shopId: string; isBlocked: boolean };

/** The caller's side in a conversation, or NOT_FOUND (also for conversations of others). */
export async function participant(db: Db | DbTx, userId: string, conversationId: string): Promise<TParticipant> {
  const c = await db.conversation.findFirst({
    where: { id: conversationId, ...takesPart(userId) },
    select: { id: true, residentId: true, shopId: true, residentBlockedAt: true, merchantBlockedAt: true, shop: { select: { ownerId: true } } },
  });
  if (c) {
    return {
      conversationId: c.id,
      side: c.residentId === userId ? "resident" : "merchant",
      residentId: c.residentId,
      ownerId: c.shop.ownerId,
      shopId: c.shopId,
      isBlocked: !!(c.residentBlockedAt || c.merchantBlockedAt),
    };
  }
  throw new AppError("NOT_FOUND", "Conversation not found");
}

// ─── Starting one ──────────────────────────────────────────────────────────

async function upsertConversation(db: Db, shopId: string, residentId: string, orderId: string | null) {
  const where = { shopId_residentId: { shopId, residentId } };
  try {
    return await db.conversation.upsert({ where, create: { shopId, residentId, orderId }, update: orderId ? { orderId } : {}, select: { id: true } });
  } catch (e) {
    // Two first opens at once: the loser finds the winner's row.
    if (!isUniqueViolation(e)) throw e;
    return db.conversation.findUniqueOrThrow({ where, select: { id: true } });
  }
}

/**
 * A resident opens the conversation with a shop (from the shop page, or from one of their
 * orders, which becomes its context). The shop must deliver to one of the resident's
 * buildings, or the resident must have ordered from it.
 */
export async function startAsResident(db: Db, userId: string, input: { shopId: string; orderId?: string | null }) {
  const shop = await db.shop.findUnique({ where: { id: input.shopId }, select: { id: true, ownerId: true, status: true } });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  if (shop.ownerId === userId) throw new AppError("OWN_SHOP", "This is your own shop");
  if (input.orderId) {
    const order = await db.order.findFirst({ where: { id: input.orderId, userId, shopId: shop.id }, select: { id: true } });
    if (!order) throw new AppError("NOT_FOUND", "Order not found");
  } else {
    const reachable = await db.shop.count({
      where: {
        id: shop.id,
        OR: [
          deliversTo(userId),
          { orders: { some: { userId } } },
        ],
      },
    });
    if (!reachable) throw new AppError("NOT_FOUND", "Shop not found");
  }
  return upsertConversation(db, shop.id, userId, input.orderId ?? null);
}

/** A merchant opens the conversation with the customer of one of their shop's orders. */
export async function startAsMerchant(db: Db, ownerId: string, input: { orderId: string }) {
  const order = await db.order.findFirst({ where: { id: input.orderId, shop: ownsShop(ownerId) }, select: { id: true, shopId: true, userId: true } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  if (order.userId === ownerId) throw new AppError("OWN_SHOP", "This is your own shop");
  return upsertConversation(db, order.shopId, order.userId, order.id);
}

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

// ─── Delivered and read ────────────────────────────────────────────────────

const receiptSelect = { residentDeliveredSeq: true, residentReadSeq: true, merchantDeliveredSeq: true, merchantReadSeq: true } as const;
type ReceiptRow = { residentDeliveredSeq: number; residentReadSeq: number; merchantDeliveredSeq: number; merchantReadSeq: number };
const otherReceipt = (c: ReceiptRow, side: TSide) =>
  side === "resident" ? { deliveredSeq: c.merchantDeliveredSeq, readSeq: c.merchantReadSeq } : { deliveredSeq: c.residentDeliveredSeq, readSeq: c.residentReadSeq };

/** The caller's client has received up to `seq`. Moves forward only. */
export async function markDelivered(db: Db, userId: string, input: { conversationId: string; seq: number }, known?: TParticipant) {
  const who = known?.conversationId === input.conversationId ? known : await participant(db, userId, input.conversationId);
  const { conversationId: id } = who;
  const seq = input.seq;
  // One statement, no transaction: this runs for nearly every message received.
  const count =
    who.side === "resident"
      ? await db.$executeRaw`UPDATE "Conversation" SET "residentDeliveredSeq" = ${seq} WHERE "id" = ${id} AND "residentDeliveredSeq" < ${seq} AND "lastSeq" >= ${seq}`
      : await db.$executeRaw`UPDATE "Conversation" SET "merchantDeliveredSeq" = ${seq} WHERE "id" = ${id} AND "merchantDeliveredSeq" < ${seq} AND "lastSeq" >= ${seq}`;
  if (count) announceReceipt(who, { deliveredSeq: input.seq, readSeq: 0 });
  return { ok: true as const };
}

/** The caller has seen up to `seq`: read (and so delivered) to there; unread recounted. */
export async function markRead(db: Db, userId: string, input: { conversationId: string; seq: number }, known?: TParticipant) {
  const who = known?.conversationId === input.conversationId ? known : await participant(db, userId, input.conversationId);
  const isResident = who.side === "resident";
  const readField = isResident ? "residentReadSeq" : "merchantReadSeq";
  const deliveredField = isResident ? "residentDeliveredSeq" : "merchantDeliveredSeq";
  const unreadField = isResident ? "residentUnread" : "merchantUnread";
  const moved = await db.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: who.conversationId, [readField]: { lt: input.seq }, lastSeq: { gte: input.seq } },
      data: { [readField]: input.seq },
    });
    if (!count) return false;
    await tx.conversation.updateMany({ where: { id: who.conversationId, [deliveredField]: { lt: input.seq } }, data: { [deliveredField]: input.seq } });
    // Holding the row, no send can slip in between this count and the write: a send takes
    // its sequence number from this row before inserting its message.
    const unread = await tx.message.count({ where: { conversationId: who.conversationId, seq: { gt: input.seq }, senderId: { not: userId } } });
    await tx.conversation.update({ where: { id: who.conversationId }, data: { [unreadField]: unread } });
    return true;
  });
  if (moved) {
    announceReceipt(who, { deliveredSeq: input.seq, readSeq: input.seq });
    // Reading the conversation also reads what the notification centre said about it.
    await markReadAbout(db, userId, "chatMessage", who.conversationId);
  }
  return { ok: true as const };
}

function announceReceipt(who: TParticipant, seqs: { deliveredSeq: number; readSeq: number }) {
  const receipt: TReceipt = { conversationId: who.conversationId, side: who.side, ...seqs };
  publish({ type: "chat.receipt", userIds: [who.residentId, who.ownerId], receipt });
}

// ─── Conversations ─────────────────────────────────────────────────────────

const conversationInclude = {
  shop: { select: { id: true, name: true, ownerId: true, photoId: true, timeZone: true, hours: { select: { weekday: true, opens: true, closes: true } } } },
  resident: { select: { name: true } },
  order: { select: { id: true, number: true, status: true } },
} satisfies Prisma.ConversationInclude;
type ConversationRow = Prisma.ConversationGetPayload<{ include: typeof conversationInclude }>;
type LastRow = { conversationId: string; body: string; senderId: string; photoId: string | null; createdAt: Date };

function toConversation(c: ConversationRow, side: TSide, last: LastRow | undefined, now: Date): TConversation {
  const isResident = side === "resident";
  return {
    id: c.id,
    side,
    shop: {
      id: c.shop.id,
      name: c.shop.name,
      photoUrl: photoUrl(c.shop.photoId),
      timeZone: c.shop.timeZone,
      hours: c.shop.hours,
      ...openState(c.shop.hours, c.shop.timeZone, now),
    },
    residentName: c.resident.name,
    order: c.order,
    lastSeq: c.lastSeq,
    lastMessage: last ? { body: last.body.slice(0, 140), side: last.senderId === c.residentId ? "resident" : "merchant", hasPhoto: !!last.photoId, createdAt: last.createdAt } : null,
    unread: isResident ? c.residentUnread : c.merchantUnread,
    other: otherReceipt(c, side),
    blockedByMe: !!(isResident ? c.residentBlockedAt : c.merchantBlockedAt),
    blockedByOther: !!(isResident ? c.merchantBlockedAt : c.residentBlockedAt),
  };
}

async function lastMessages(db: Db, rows: { id: string; lastSeq: number }[]) {
  const withMessages = rows.filter((r) => r.lastSeq > 0);
  if (!withMessages.length) return new Map<string, LastRow>();
  const last = await db.message.findMany({
    where: { OR: withMessages.map((r) => ({ conversationId: r.id, seq: r.lastSeq })) },
    select: { conversationId: true, body: true, senderId: true, photoId: true, createdAt: true },
  });
  return new Map(last.map((m) => [m.conversationId, m]));
}

export const INBOX_PAGE = 30;

/**
 * The caller's conversations as a resident (with shops) or as a merchant (of their shops),
 * newest message first. Conversations nobody has written in yet are left out.
 */
export async function inbox(db: Db, userId: string, input: { as: TSide; cursor?: string | null }, now = new Date()) {
  const where: Prisma.ConversationWhereInput = input.as === "resident" ? { residentId: userId, lastSeq: { gt: 0 } } : { shop: ownsShop(userId), lastSeq: { gt: 0 } };
  const rows = await db.conversation.findMany({
    where,
    include: conversationInclude,
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    take: INBOX_PAGE + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, INBOX_PAGE);
  const last = await lastMessages(db, page);
  return { items: page.map((c) => toConversation(c, input.as, last.get(c.id), now)), nextCursor: rows.length > INBOX_PAGE ? page.at(-1)!.id : null };
}

export async function getConversation(db: Db, userId: string, conversationId: string, now = new Date()) {
  const who = await participant(db, userId, conversationId);
  const c = await db.conversation.findUniqueOrThrow({ where: { id: who.conversationId }, include: conversationInclude });
  const last = await lastMessages(db, [c]);
  return toConversation(c, who.side, last.get(c.id), now);
}

/** Unread messages across the caller's conversations, per side. */
export async function unreadTotals(db: Db, userId: string) {
  const [asResident, asMerchant] = await Promise.all([
    db.conversation.aggregate({ where: { residentId: userId }, _sum: { residentUnread: true } }),
    db.conversation.aggregate({ where: { shop: ownsShop(userId) }, _sum: { merchantUnread: true } }),
  ]);
  const resident = asResident._sum.residentUnread ?? 0;
  const merchant = asMerchant._sum.merchantUnread ?? 0;
  return { resident, merchant, total: resident + merchant };
}

// ─── Block and report ──────────────────────────────────────────────────────

/** Blocks (or unblocks) the other side. While either side blocks, nobody can send. */
export async function setBlocked(db: Db, userId: string, input: { conversationId: string; blocked: boolean }, now = new Date()) {
  const who = await participant(db, userId, input.conversationId);
  const field = who.side === "resident" ? "residentBlockedAt" : "merchantBlockedAt";
  await db.conversation.update({ where: { id: who.conversationId }, data: { [field]: input.blocked ? now : null } });
  publish({ type: "chat.changed", conversationId: who.conversationId, userIds: [who.residentId, who.ownerId] });
  return { ok: true as const, blocked: input.blocked };
}

/** Reports a message the other side sent. Reporting it again changes nothing. */
export async function reportMessage(db: Db, userId: string, input: { messageId: string; reason: string; note: string }) {
  const m = await db.message.findUnique({ where: { id: input.messageId }, select: { id: true, senderId: true, conversationId: true } });
  if (!m) throw new AppError("NOT_FOUND", "Message not found");
  await participant(db, userId, m.conversationId); // NOT_FOUND for outsiders
  if (m.senderId === userId) throw new AppError("INVALID_INPUT", "You cannot report your own message");
  try {
    await db.messageReport.create({ data: { messageId: m.id, reporterId: userId, reason: input.reason, note: input.note } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  publish({ type: "chat.reported" });
  return { ok: true as const };
}

export async function listReports(db: Db, status: "open" | "dismissed" | "actioned" | "all") {
  const rows = await db.messageReport.findMany({
    where: status === "all" ? {} : { status },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: {
      reporter: { select: { name: true } },
      message: {
        select: {
          id: true,
          body: true,
          photoId: true,
          createdAt: true,
          senderId: true,
          sender: { select: { name: true } },
          conversation: { select: { residentId: true, shop: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason as "spam" | "abuse" | "scam" | "other",
    note: r.note,
    status: r.status as "open" | "dismissed" | "actioned",
    createdAt: r.createdAt,
    reporterName: r.reporter.name,
    message: {
      id: r.message.id,
      body: r.message.body,
      hasPhoto: !!r.message.photoId,
      photoUrl: photoUrl(r.message.photoId),
      createdAt: r.message.createdAt,
      side: r.message.senderId === r.message.conversation.residentId ? ("resident" as const) : ("merchant" as const),
      senderName: r.message.senderId === r.message.conversation.residentId ? r.message.sender.name : r.message.conversation.shop.name,
    },
    shop: r.message.conversation.shop,
  }));
}

export async function reviewReport(db: Db, adminId: string, input: { id: string; status: "dismissed" | "actioned" | "open" }, now = new Date()) {
  const { count } = await db.messageReport.updateMany({
    where: { id: input.id },
    data: input.status === "open" ? { status: "open", reviewedById: null, reviewedAt: null } : { status: input.status, reviewedById: adminId, reviewedAt: now },
  });
  if (!count) throw new AppError("NOT_FOUND", "Report not found");
  publish({ type: "chat.reported" });
  return { ok: true as const };
}
