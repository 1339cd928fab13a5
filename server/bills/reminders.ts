// Bill reminders: 3 days before the due date, and on the day a bill becomes overdue, each
// resident of the unit gets one in-app notification. "Once" is enforced twice: the bill's
// remindedSoonAt / remindedLateAt is set by a conditional update (only one run wins it),
// and each notification has a unique dedupeKey.
import type { Db } from "../db";
import { markDone, notify, type TNotificationInput } from "../notifications/service";
import { BILL_REMINDERS, billGroupKey, today } from "./service";

const DAY = 86_400_000;

export async function sendBillReminders(db: Db, now = new Date()) {
  const t = today(now);
  const soonUntil = new Date(t.getTime() + 3 * DAY);
  const [soon, late] = await Promise.all([
    db.bill.findMany({ where: { status: "unpaid", remindedSoonAt: null, dueDate: { gte: t, lte: soonUntil } }, select: { id: true }, take: 1000 }),
    db.bill.findMany({ where: { status: "unpaid", remindedLateAt: null, dueDate: { lt: t } }, select: { id: true }, take: 1000 }),
  ]);
  let sent = 0;
  for (const [list, field, kind] of [
    [soon, "remindedSoonAt", "billDueSoon"],
    [late, "remindedLateAt", "billOverdue"],
  ] as const) {
    for (const { id } of list) {
      const { count } = await db.bill.updateMany({ where: { id, status: "unpaid", [field]: null }, data: { [field]: now } });
      if (count === 0) continue; // another run took it, or it was paid meanwhile
      const bill = await db.bill.findUniqueOrThrow({
        where: { id },
        include: { unit: { include: { memberships: { where: { status: "active" }, select: { userId: true } } } } },
      });
      // An overdue bill also marks the "soon" reminder done, so a late import does not
      // send "due in 3 days" after the fact.
      if (kind === "billOverdue") await db.bill.updateMany({ where: { id, remindedSoonAt: null }, data: { remindedSoonAt: now } });
      const notes: TNotificationInput[] = bill.unit.memberships.map((m) => ({
        userId: m.userId,
        kind,
        params: { billKind: bill.kind, amount: bill.amount, currency: bill.currency, dueDate: bill.dueDate.toISOString().slice(0, 10), reference: bill.reference },
        dedupeKey: `${kind}:${bill.id}:${m.userId}`,
        // One entry per bill: "overdue" replaces "due soon"; paying the bill marks it done.
        groupKey: billGroupKey(bill.id),
      }));
      sent += await notify(db, notes);
      // Paid while the reminder was being written: the payment's done mark may have come
      // before this entry was (re)written, so mark it again (one of the two sees the other).
      const after = await db.bill.findUniqueOrThrow({ where: { id }, select: { status: true } });
      if (after.status === "paid") await markDone(db, [billGroupKey(id)], [...BILL_REMINDERS]);
    }
  }
  return { sent };
}
