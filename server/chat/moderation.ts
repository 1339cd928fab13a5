// Blocking a conversation, reporting a message, and the admins' review of reports.
import type { Db } from "../db";
import { AppError } from "../errors";
import { publish } from "../realtime/emit";
import { photoUrl } from "../storage/photos";
import { isUniqueViolation } from "../lib/db-errors";
import { participant } from "./conversations";
import { writeAudit } from "../people/audit";

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
          conversation: { select: { residentId: true, resident: { select: { name: true } }, shop: { select: { id: true, name: true } } } },
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
      /** The account that wrote it (for a shop's message, the person behind the shop). */
      personName: r.message.sender.name,
    },
    residentName: r.message.conversation.resident.name,
    shop: r.message.conversation.shop,
  }));
}

export async function reviewReport(db: Db, adminId: string, input: { id: string; status: "dismissed" | "actioned" | "open" }, now = new Date()) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.messageReport.updateMany({
      where: { id: input.id },
      data: input.status === "open" ? { status: "open", reviewedById: null, reviewedAt: null } : { status: input.status, reviewedById: adminId, reviewedAt: now },
    });
    if (!count) throw new AppError("NOT_FOUND", "Report not found");
    // The audit log (server/people/audit.ts), in the same transaction as the change.
    const r = await tx.messageReport.findUniqueOrThrow({ where: { id: input.id }, select: { messageId: true, message: { select: { sender: { select: { name: true } } } } } });
    const action = input.status === "open" ? "report.reopen" : input.status === "dismissed" ? "report.dismiss" : "report.resolve";
    await writeAudit(tx, { actorId: adminId, action, target: { type: "report", id: input.id }, detail: { name: r.message.sender.name, messageId: r.messageId } });
  });
  publish({ type: "chat.reported" });
  return { ok: true as const };
}
