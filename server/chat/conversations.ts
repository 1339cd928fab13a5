// Conversations: who takes part (participant(), the one check every chat operation starts
// with, scoped in the query by server/access), starting one from a shop or an order, the
// inbox and unread totals.
import type { Prisma } from "../../generated/prisma/client";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { openState } from "../lib/hours";
import { photoUrl } from "../storage/photos";
import { deliversTo, ownsShop, takesPart } from "../access";
import type { TConversation, TSide } from "./schema";
import { isUniqueViolation } from "../lib/db-errors";

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

/** The context is what the conversation was last opened from: an order or a repair booking (one replaces the other). */
async function upsertConversation(db: Db, shopId: string, residentId: string, orderId: string | null, bookingId: string | null = null) {
  const where = { shopId_residentId: { shopId, residentId } };
  const context = orderId ? { orderId, bookingId: null } : bookingId ? { bookingId, orderId: null } : {};
  try {
    return await db.conversation.upsert({ where, create: { shopId, residentId, orderId, bookingId }, update: context, select: { id: true } });
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
export async function startAsResident(db: Db, userId: string, input: { shopId: string; orderId?: string | null; bookingId?: string | null }) {
  const shop = await db.shop.findUnique({ where: { id: input.shopId }, select: { id: true, ownerId: true, status: true } });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  if (shop.ownerId === userId) throw new AppError("OWN_SHOP", "This is your own shop");
  if (input.orderId) {
    const order = await db.order.findFirst({ where: { id: input.orderId, userId, shopId: shop.id }, select: { id: true } });
    if (!order) throw new AppError("NOT_FOUND", "Order not found");
  } else if (input.bookingId) {
    const booking = await db.repairBooking.findFirst({ where: { id: input.bookingId, residentId: userId, serviceId: shop.id, status: { notIn: ["held", "expired"] } }, select: { id: true } });
    if (!booking) throw new AppError("NOT_FOUND", "Booking not found");
    return upsertConversation(db, shop.id, userId, null, booking.id);
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

/** A merchant opens the conversation with the customer of one of their shop's orders, or a repairer with the resident of a booking. */
export async function startAsMerchant(db: Db, ownerId: string, input: { orderId?: string | null; bookingId?: string | null }) {
  if (input.bookingId) {
    const b = await db.repairBooking.findFirst({
      where: { id: input.bookingId, service: { shop: ownsShop(ownerId) }, status: { notIn: ["held", "expired"] } },
      select: { id: true, serviceId: true, residentId: true },
    });
    if (!b) throw new AppError("NOT_FOUND", "Booking not found");
    if (b.residentId === ownerId) throw new AppError("OWN_SHOP", "This is your own shop");
    return upsertConversation(db, b.serviceId, b.residentId, null, b.id);
  }
  if (!input.orderId) throw new AppError("INVALID_INPUT", "An order or a booking is needed", { field: "orderId" });
  const order = await db.order.findFirst({ where: { id: input.orderId, shop: ownsShop(ownerId) }, select: { id: true, shopId: true, userId: true } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  if (order.userId === ownerId) throw new AppError("OWN_SHOP", "This is your own shop");
  return upsertConversation(db, order.shopId, order.userId, order.id);
}

/** The delivered and read marks of both sides, as stored on the conversation row. */
export const receiptSelect = { residentDeliveredSeq: true, residentReadSeq: true, merchantDeliveredSeq: true, merchantReadSeq: true } as const;
type ReceiptRow = { residentDeliveredSeq: number; residentReadSeq: number; merchantDeliveredSeq: number; merchantReadSeq: number };
/** What the caller's side sees of the other side's marks. */
export const otherReceipt = (c: ReceiptRow, side: TSide) =>
  side === "resident" ? { deliveredSeq: c.merchantDeliveredSeq, readSeq: c.merchantReadSeq } : { deliveredSeq: c.residentDeliveredSeq, readSeq: c.residentReadSeq };

// ─── Conversations ─────────────────────────────────────────────────────────

const conversationInclude = {
  shop: { select: { id: true, name: true, ownerId: true, photoId: true, timeZone: true, hours: { select: { weekday: true, opens: true, closes: true } } } },
  resident: { select: { name: true } },
  order: { select: { id: true, number: true, status: true } },
  booking: { select: { id: true, category: true, startsAt: true, status: true } },
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
    booking: c.booking,
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
