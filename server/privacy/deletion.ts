// Deleting one's account (issue 16). A person asks with their password; nothing is erased
// for 7 days (the grace period), and signing in during it cancels the request. Then the
// `account-deletion` job (under the job lease, server/main.ts) erases what is personal and
// keeps, anonymised through the user row ("Deleted user"), what the law and other people
// need: ledger entries, receipts, bills, orders on a merchant's books, bookings.
//
// What blocks a deletion is checked here, on the server, when it is asked for AND again in
// the transaction that erases: money left in the wallet (there is no payout path: spend it,
// or ask the building manager), a shop with orders or repair visits still to deal with, a
// building whose only manager this is, and the person's own orders or repair visits still
// under way (a refund or a deposit could still come back to the wallet), and a top-up the
// payment provider has not answered yet (for a day). Erasing closes the wallet: whatever
// still tries to put money in it later (a manager refunding a bill the person paid, a
// provider confirming a top-up after that day) is refused (ACCOUNT_CLOSED). A blocker that
// appeared during the grace period leaves the request standing: the job logs it and tries
// again on each run, until the blocker is gone or the person signs in (which cancels).
//
// DELETION_PLAN says, for every relation of another model to User, what happens to it; the
// completeness test (deletion.test.ts) fails when a model referencing User is not listed.
import { unlink } from "node:fs/promises";
import path from "node:path";
import { env } from "../../env";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import { verifyPassword } from "../auth/password";
import { assertAccountAllowed, clearAccountFailures, consumeIp, recordAccountFailure } from "../auth/rate-limit";
import { announceRevocation, revokeSessions } from "../auth/revocation";
import { photoDir } from "../storage/photos";

export const GRACE_DAYS = 7;
const DAY_MS = 86_400_000;
/** Orders and repair visits still under way (not delivered, rejected, cancelled / done, declined…). */
const OPEN_ORDER = ["placed", "accepted", "out_for_delivery"];
const OPEN_BOOKING = ["held", "requested", "confirmed", "in_progress"];
/** What an erased account's password hash becomes: not an argon2 hash, so no password ever matches. */
export const ERASED_PASSWORD_HASH = "!erased";
export const erasedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;
export const eraseOn = (requestedAt: Date) => new Date(requestedAt.getTime() + GRACE_DAYS * DAY_MS);

// ─── The plan ──────────────────────────────────────────────────────────────

type TFate = { fate: "erased"; what: string } | { fate: "anonymised"; because: string } | { fate: "kept"; because: string };
const erased = (what: string): TFate => ({ fate: "erased", what });
const anonymised = (because: string): TFate => ({ fate: "anonymised", because });

/** `Model.relationField` → what erasing an account does to those rows. */
export const DELETION_PLAN: Record<string, TFate> = {
  "UserRole.user": erased("every role removed"),
  "Membership.user": anonymised("the unit's history (who lived there when a bill was paid) refers to it; ended (status left) and its message erased"),
  "Membership.decidedBy": anonymised("it records a manager's decision on someone else's request"),
  "BuildingManager.user": erased("removed (the only-manager blocker makes sure every building keeps one)"),
  "InviteCode.createdBy": anonymised("the code belongs to the building and memberships point at it"),
  "LedgerAccount.user": anonymised("the ledger never deletes an account: its entries must still balance (its balance is 0: the wallet blocker)"),
  "PaymentIntent.user": anonymised("a top-up is the record of money received through the payment provider"),
  "Bill.paidBy": anonymised("bills belong to the unit and are the building's accounts"),
  "Notification.user": erased("deleted"),
  "Shop.owner": anonymised("its orders, takings and customers' conversations point at it; set to suspended so it is no longer listed"),
  "Order.user": anonymised("it is on the merchant's books (payment, refund, lines); its delivery note erased"),
  "Photo.owner": erased("rows and files deleted, except images attached to a building's notice (kept with the notice)"),
  "QrPayment.paidBy": anonymised("it is on the merchant's books and points at the ledger"),
  "Conversation.resident": anonymised("the shop's side of the thread; the person's messages are erased"),
  "Message.sender": erased("text emptied and photo deleted; the row stays so the thread's numbering has no gap (shown as \"message deleted\")"),
  "MessageReport.reporter": anonymised("a moderation record of someone else's message; the reporter's note erased"),
  "ParkingFavourite.user": erased("deleted (favourites and \"tell me when it frees up\" alerts)"),
  "CommonRepair.createdBy": anonymised("the repair belongs to the building"),
  "CommonRepairSupport.user": { fate: "kept", because: "nobody sees who said \"me too\", only the count, which belongs to the repair" },
  "ParkingApiKey.createdBy": erased("deleted: a key made by someone who left must not keep speaking for an operator"),
  "RepairBooking.resident": anonymised("it is on the repairer's books (deposit, price, rating); the vehicle's plate and location erased"),
  "Notice.author": anonymised("the notice belongs to the building's residents"),
  "NoticeRead.user": anonymised("a manager's report counts who acknowledged an urgent notice"),
  "NotificationPreference.user": erased("deleted"),
  "NotificationSettings.user": erased("deleted"),
  "PromoOptIn.user": erased("deleted"),
  "PromoDelivery.user": erased("deleted (the promotion keeps its counts)"),
  "Promotion.author": anonymised("the shop's record of what it sent"),
  "DataExport.user": erased("rows and ZIP files deleted"),
  "AuditLog.actor": anonymised("what administrators did stays on record"),
};

// ─── Blockers ──────────────────────────────────────────────────────────────

export type TBlocker =
  | { kind: "wallet"; balance: number; currency: string }
  | { kind: "shop"; shopId: string; name: string; openOrders: number; upcomingBookings: number }
  | { kind: "soleManager"; buildingId: string; name: string }
  | { kind: "ownOrders"; count: number }
  | { kind: "ownBookings"; count: number }
  | { kind: "pendingTopUp"; count: number };

/** A top-up the provider has not answered yet is waited for this long before it stops blocking. */
const PENDING_TOP_UP_MS = DAY_MS;

/** What stops this person's account from being deleted now, in the order the page lists it. */
export async function blockersOf(db: Db | DbTx, userId: string): Promise<TBlocker[]> {
  const [wallet, shops, managed, ownOrders, ownBookings, pendingTopUps] = await Promise.all([
    db.ledgerAccount.findUnique({ where: { userId }, select: { balance: true, currency: true } }),
    db.shop.findMany({
      where: { ownerId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        _count: { select: { orders: { where: { status: { in: OPEN_ORDER } } } } },
        repair: { select: { _count: { select: { bookings: { where: { status: { in: OPEN_BOOKING } } } } } } },
      },
    }),
    db.buildingManager.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { building: { select: { id: true, name: true, _count: { select: { managers: true } } } } },
    }),
    db.order.count({ where: { userId, status: { in: OPEN_ORDER } } }),
    db.repairBooking.count({ where: { residentId: userId, status: { in: OPEN_BOOKING } } }),
    db.paymentIntent.count({ where: { userId, status: "pending", createdAt: { gt: new Date(Date.now() - PENDING_TOP_UP_MS) } } }),
  ]);
  const blockers: TBlocker[] = [];
  if (wallet && wallet.balance !== 0) blockers.push({ kind: "wallet", balance: wallet.balance, currency: wallet.currency });
  for (const s of shops) {
    const upcomingBookings = s.repair?._count.bookings ?? 0;
    if (s._count.orders || upcomingBookings) blockers.push({ kind: "shop", shopId: s.id, name: s.name, openOrders: s._count.orders, upcomingBookings });
  }
  for (const { building } of managed) if (building._count.managers <= 1) blockers.push({ kind: "soleManager", buildingId: building.id, name: building.name });
  if (ownOrders) blockers.push({ kind: "ownOrders", count: ownOrders });
  if (ownBookings) blockers.push({ kind: "ownBookings", count: ownBookings });
  if (pendingTopUps) blockers.push({ kind: "pendingTopUp", count: pendingTopUps });
  return blockers;
}

/** What the account page shows before asking: the blockers, and what stays with the homes. */
export async function deletionStatus(db: Db, userId: string) {
  const [blockers, unpaidBills] = await Promise.all([
    blockersOf(db, userId),
    db.bill.count({ where: { status: "unpaid", unit: { memberships: { some: { userId, status: "active" } } } } }),
  ]);
  return { graceDays: GRACE_DAYS, blockers, unpaidBills };
}

// ─── Asking, and cancelling by signing in ─────────────────────────────────

/**
 * Asks for the account to be deleted: the password must be right (attempts are limited like
 * sign-in's), nothing must block it; then every session of the person ends (this one too)
 * and open sockets are cut. Answers the day the account will be erased.
 */
export async function requestDeletion(db: Db, userId: string, password: string, ip: string, now = new Date()): Promise<{ eraseOn: Date }> {
  await consumeIp(ip);
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true, deletedAt: true } });
  if (!user || user.deletedAt) throw new AppError("UNAUTHENTICATED");
  await assertAccountAllowed(user.email, ip);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordAccountFailure(user.email, ip);
    throw new AppError("WRONG_PASSWORD", "The password is incorrect");
  }
  await clearAccountFailures(user.email, ip);
  const blockers = await blockersOf(db, userId);
  if (blockers.length) throw new AppError("DELETION_BLOCKED", "Something must be dealt with before the account can be deleted", { count: blockers.length });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { deletionRequestedAt: now } });
    await revokeSessions(tx, userId, null);
  });
  announceRevocation(userId, null);
  return { eraseOn: eraseOn(now) };
}

/** Signing in during the grace period cancels the deletion; true when there was one to cancel. */
export async function cancelDeletionOnSignIn(db: Db, userId: string): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId, deletionRequestedAt: { not: null }, deletedAt: null }, data: { deletionRequestedAt: null } });
  return count === 1;
}

// ─── Erasing after the grace period ────────────────────────────────────────

class Held extends Error {
  constructor(readonly blockers: TBlocker[]) {
    super("deletion held by a blocker");
  }
}

export type TEraseResult = "erased" | "held" | "skipped";

/**
 * Erases one account whose grace period is over, in one transaction. The first write claims
 * the user row (a conditional update: still asked for, grace over, not yet erased), so two
 * jobs racing erase once and a sign-in that cancelled first wins; the blockers are checked
 * again inside, and any of them rolls everything back ("held").
 */
export async function eraseAccount(db: Db, userId: string, now = new Date()): Promise<TEraseResult> {
  const cutoff = new Date(now.getTime() - GRACE_DAYS * DAY_MS);
  let photoIds: string[] = [];
  let exportIds: string[] = [];
  try {
    const outcome = await db.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: userId, deletedAt: null, deletionRequestedAt: { lte: cutoff } },
        data: { deletedAt: now, name: "", email: erasedEmail(userId), passwordHash: ERASED_PASSWORD_HASH, locale: null, keptSessionId: null, sessionVersion: { increment: 1 } },
      });
      if (count === 0) return "skipped" as const;
      // The wallet row is locked by a conditional write, so no payment moves it until we commit.
      const wallet = await tx.ledgerAccount.findUnique({ where: { userId }, select: { id: true } });
      // Closed as well: a bill refund or a late top-up later finds it closed (ACCOUNT_CLOSED).
      if (wallet && (await tx.ledgerAccount.updateMany({ where: { id: wallet.id, balance: 0 }, data: { closedAt: now } })).count === 0) {
        throw new Held(await blockersOf(tx, userId));
      }
      const blockers = await blockersOf(tx, userId);
      if (blockers.length) throw new Held(blockers);

      const keptPhotos = (await tx.noticeAttachment.findMany({ where: { ownerId: userId, photoId: { not: null } }, select: { photoId: true } })).map((a) => a.photoId!);
      photoIds = (await tx.photo.findMany({ where: { ownerId: userId, id: { notIn: keptPhotos } }, select: { id: true } })).map((p) => p.id);
      exportIds = (await tx.dataExport.findMany({ where: { userId }, select: { id: true } })).map((e) => e.id);

      await tx.userRole.deleteMany({ where: { userId } });
      await tx.membership.updateMany({ where: { userId, status: { in: ["active", "pending"] } }, data: { status: "left" } });
      await tx.membership.updateMany({ where: { userId }, data: { message: null } });
      await tx.buildingManager.deleteMany({ where: { userId } });
      await tx.message.updateMany({ where: { senderId: userId }, data: { body: "", photoId: null } });
      await tx.messageReport.updateMany({ where: { reporterId: userId }, data: { note: "" } });
      await tx.photo.deleteMany({ where: { id: { in: photoIds } } });
      await tx.order.updateMany({ where: { userId }, data: { note: "" } });
      await tx.repairBooking.updateMany({ where: { residentId: userId }, data: { vehiclePlate: null, vehicleLocation: null } });
      await tx.shop.updateMany({ where: { ownerId: userId, status: { in: ["pending", "approved"] } }, data: { status: "suspended" } });
      await tx.notification.deleteMany({ where: { userId } });
      // Other people's notifications that name this person: their name goes, the entry stays.
      const conversations = await tx.conversation.findMany({ where: { residentId: userId }, select: { id: true } });
      const bookings = await tx.repairBooking.findMany({ where: { residentId: userId }, select: { id: true } });
      await forgetNameIn(tx, "chatMessage", "from", conversations.map((c) => `chat:${c.id}`));
      await forgetNameIn(tx, "repairRequest", "resident", bookings.map((b) => `repair:${b.id}`));
      await tx.notificationPreference.deleteMany({ where: { userId } });
      await tx.notificationSettings.deleteMany({ where: { userId } });
      await tx.parkingFavourite.deleteMany({ where: { userId } });
      await tx.promoOptIn.deleteMany({ where: { userId } });
      await tx.promoDelivery.deleteMany({ where: { userId } });
      await tx.parkingApiKey.deleteMany({ where: { createdById: userId } });
      await tx.dataExport.deleteMany({ where: { userId } });
      await tx.auditLog.create({ data: { actorId: null, action: "user.erase", targetType: "user", targetId: userId, detail: JSON.stringify({ photos: photoIds.length }) } });
      return "erased" as const;
    });
    if (outcome === "skipped") return outcome;
  } catch (e) {
    if (!(e instanceof Held)) throw e;
    log.warn({ userId, blockers: e.blockers.map((b) => b.kind) }, "account deletion held: a blocker appeared during the grace period; tried again on the next run");
    return "held";
  }
  // After the commit: files (a file left behind by a crash here is unreachable: its row is gone), sessions and sockets.
  await Promise.all([
    ...photoIds.map((id) => removeFile(path.join(photoDir(), `${id}.webp`))),
    ...exportIds.map((id) => removeFile(path.join(env().dataDir, "exports", `${id}.zip`))),
  ]);
  announceRevocation(userId, null);
  return "erased";
}

/**
 * Blanks `field` (a person's name) in the params of the notifications of `kind` grouped under
 * `groupKeys`; "" is shown as "Deleted user". Their place in the list (updatedAt) is kept.
 */
async function forgetNameIn(tx: DbTx, kind: string, field: string, groupKeys: string[]) {
  for (let i = 0; i < groupKeys.length; i += 500) {
    const rows = await tx.notification.findMany({ where: { kind, groupKey: { in: groupKeys.slice(i, i + 500) } }, select: { id: true, params: true, updatedAt: true } });
    for (const row of rows) {
      const params = JSON.parse(row.params) as Record<string, unknown>;
      if (!params[field]) continue;
      await tx.notification.update({ where: { id: row.id }, data: { params: JSON.stringify({ ...params, [field]: "" }), updatedAt: row.updatedAt } });
    }
  }
}

async function removeFile(file: string) {
  await unlink(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") log.warn({ err: e, file }, "could not remove an erased account's file");
  });
}

/** The job: every account whose grace period is over (50 a run), each in its own transaction. */
export async function eraseDue(db: Db, now = new Date()) {
  const cutoff = new Date(now.getTime() - GRACE_DAYS * DAY_MS);
  const due = await db.user.findMany({ where: { deletedAt: null, deletionRequestedAt: { lte: cutoff } }, orderBy: { deletionRequestedAt: "asc" }, take: 50, select: { id: true } });
  const counts = { erased: 0, held: 0, skipped: 0 };
  for (const { id } of due) counts[await eraseAccount(db, id, now)]++;
  return counts;
}
