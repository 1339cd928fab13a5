// Delivered and read marks: per side, they only move forward, and the other side is told.
import type { Db } from "../db";
import { markReadAbout } from "../notifications/service";
import { publish } from "../realtime/emit";
import type { TReceipt } from "./schema";
import { participant, type TParticipant } from "./conversations";

// ─── Delivered and read ────────────────────────────────────────────────────

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
