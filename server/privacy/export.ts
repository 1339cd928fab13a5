// "Export my data" (issue 16, PRODUCT.md section 10): a ZIP of JSON files with a manifest,
// plus the photos the person uploaded, of everything Quartier holds about them.
//
// - Asking (`requestExport`) writes a queued DataExport row; at most one per person per 24 h
//   (a failed one does not count). Race-safe: the asking transaction first writes the
//   person's User row (a no-op update), which makes concurrent askers queue behind each
//   other on both databases, so the second one sees the first one's row.
// - Building (`buildExport`) is claimed by a conditional update (queued → building), so the
//   scheduled job (`runExportJob`, under the job lease in server/main.ts) and anything else
//   that calls it build each export once. The ZIP is written to DATA_DIR/exports/<id>.zip
//   as it is made (zip-writer.ts), messages, ledger movements, orders and notifications read
//   a page at a time. Ready: kept 24 h, the person is notified (`dataExportReady`) and
//   their open account pages refetch (`dataExport.changed`).
// - Expiry: the same job deletes the files of exports past their expiresAt and marks them expired.
//
// Completeness: every relation to User in the schema is either covered by a file below
// (EXPORT_FILES[].covers) or listed in LEFT_OUT with the reason; export.test.ts checks this
// against the generated client's data model, so a new table cannot be forgotten.
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { env } from "../../env";
import type { Db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import { attachmentFile } from "../notices/files";
import { notify } from "../notifications/service";
import { publish } from "../realtime/emit";
import { photoDir } from "../storage/photos";
import type { TDataExport, TExportState, TExportStatus } from "./export-schema";
import { ZipFileWriter } from "./zip-writer";

export const EXPORT_SCHEMA_VERSION = 1;
const HOUR = 3_600_000;
/** How long a ready export can be downloaded. */
export const EXPORT_KEEP_MS = 24 * HOUR;
/** At most one export asked for in this long (a failed one does not count). */
export const EXPORT_EVERY_MS = 24 * HOUR;
/** A build that has said nothing for this long died with its process: it is marked failed. */
const STALE_BUILD_MS = HOUR;
/** Rows read per query for the long lists (messages, ledger movements, orders, notifications). */
export const EXPORT_PAGE = 500;

export const exportDir = () => path.join(env().dataDir, "exports");
export const exportFile = (id: string) => path.join(exportDir(), `${id}.zip`);
/** The file name the browser saves: quartier-export-YYYY-MM-DD.zip (the day it was made, UTC). */
export const exportFileName = (readyAt: Date) => `quartier-export-${readyAt.toISOString().slice(0, 10)}.zip`;

// ─── What the archive holds ────────────────────────────────────────────────

/**
 * Every file of the archive: what it holds and which relations to User ("Model.field") it
 * covers. Models reachable only through a covered parent (order lines through orders,
 * products and hours through shops, ledger entries through the wallet) are covered with it.
 */
export const EXPORT_FILES = [
  { file: "profile.json", about: "Your account: name, email, language, when it was made (never the password hash)", covers: [] },
  { file: "roles.json", about: "Your roles (resident, shopkeeper, manager, administrator)", covers: ["UserRole.user"] },
  { file: "memberships.json", about: "Your homes and your requests to join one, with their building and unit", covers: ["Membership.user"] },
  {
    file: "managed-buildings.json",
    about: "Buildings you manage, and the join requests you decided (the applicant is not named)",
    covers: ["BuildingManager.user", "Membership.decidedBy"],
  },
  { file: "invite-codes.json", about: "Invite codes you made", covers: ["InviteCode.createdBy"] },
  { file: "wallet.json", about: "Your wallet (balance) and your top-ups through a payment provider", covers: ["LedgerAccount.user", "PaymentIntent.user"] },
  { file: "wallet-movements.json", about: "Every movement of your wallet, with its receipt (the bills, order or QR payment it paid)", covers: [] },
  { file: "bills.json", about: "The bills of the homes you live in and the bills you paid, with who paid them", covers: ["Bill.paidBy"] },
  { file: "orders.json", about: "Your orders from shops, with their lines", covers: ["Order.user"] },
  { file: "qr-payments.json", about: "QR payments you made in shops", covers: ["QrPayment.paidBy"] },
  { file: "repair-bookings.json", about: "Your repair bookings, with their photos", covers: ["RepairBooking.resident"] },
  { file: "conversations.json", about: "Your conversations with shops (and, as a shopkeeper, with residents); the other side by display name only", covers: ["Conversation.resident"] },
  { file: "messages.json", about: "Every message of your conversations, both sides, in order", covers: ["Message.sender"] },
  { file: "message-reports.json", about: "Messages you reported", covers: ["MessageReport.reporter"] },
  { file: "notices-read.json", about: "Building notices you opened and urgent ones you acknowledged", covers: ["NoticeRead.user"] },
  { file: "parking.json", about: "Your favourite parking places and the alerts you asked for", covers: ["ParkingFavourite.user"] },
  { file: "notification-settings.json", about: "What you chose to be told about, and your quiet hours", covers: ["NotificationPreference.user", "NotificationSettings.user"] },
  { file: "notifications.json", about: "Your notifications", covers: ["Notification.user"] },
  { file: "promotions.json", about: "Shops whose promotions you accepted, the promotions you received, and those you sent as a shopkeeper", covers: ["PromoOptIn.user", "PromoDelivery.user", "Promotion.author"] },
  { file: "common-repairs.json", about: "Repairs of common parts you opened (as a manager) or supported (\"me too\")", covers: ["CommonRepair.createdBy", "CommonRepairSupport.user"] },
  { file: "api-keys.json", about: "Parking feed keys you made (label and prefix, never the key)", covers: ["ParkingApiKey.createdBy"] },
  { file: "shops.json", about: "Shops and repair businesses you own: details, hours, delivery windows, products, QR payment links", covers: ["Shop.owner", "QrPayment.createdById"] },
  { file: "notices-written.json", about: "Notices you wrote as a building manager, with their audience and attachments", covers: ["Notice.author", "NoticeAttachment.ownerId"] },
  { file: "photos.json", about: "The photos you uploaded (the files are in photos/)", covers: ["Photo.owner"] },
  { file: "data-exports.json", about: "The exports of your data you asked for", covers: ["DataExport.user"] },
  { file: "admin-actions.json", about: "What you did as an administrator (the audit log)", covers: ["AuditLog.actor"] },
] as const satisfies readonly { file: string; about: string; covers: readonly string[] }[];
export type TExportFile = (typeof EXPORT_FILES)[number]["file"];

/** Columns naming a person that are deliberately not exported, and why. */
export const LEFT_OUT: Record<string, string> = {
  "Bill.issuedById":
    "the manager who issued a bill: the bill belongs to the unit's residents (it is in their export); the manager's buildings are in managed-buildings.json",
  "LedgerTransaction.initiatorId":
    "who started a movement on someone else's account (a manager's refund): it is the other person's money; a person's own movements are all in wallet-movements.json",
  "MessageReport.reviewedById": "the administrator who reviewed someone else's report: the report is the reporter's data",
  "Shop.decidedById": "the administrator who approved someone else's shop: the shop is its owner's data",
};

// ─── Asking, reading, downloading ──────────────────────────────────────────

type TRow = { id: string; status: string; createdAt: Date; readyAt: Date | null; expiresAt: Date | null; sizeBytes: number | null };

export function toView(row: TRow, now = new Date()): TDataExport {
  const isDownloadable = row.status === "ready" && !!row.expiresAt && row.expiresAt > now;
  return {
    id: row.id,
    status: (row.status === "ready" && !isDownloadable ? "expired" : row.status) as TExportStatus,
    createdAt: row.createdAt,
    readyAt: row.readyAt,
    expiresAt: row.expiresAt,
    sizeBytes: row.sizeBytes,
    downloadUrl: isDownloadable ? `/api/exports/${row.id}` : null,
  };
}

/** The last export asked for that counts against the daily limit (failed ones do not). */
const lastCounting = (db: Pick<Db, "dataExport">, userId: string, now: Date) =>
  db.dataExport.findFirst({ where: { userId, status: { not: "failed" }, createdAt: { gt: new Date(now.getTime() - EXPORT_EVERY_MS) } }, orderBy: { createdAt: "desc" } });

export async function exportState(db: Db, userId: string, now = new Date()): Promise<TExportState> {
  const [latest, counting] = await Promise.all([db.dataExport.findFirst({ where: { userId }, orderBy: { createdAt: "desc" } }), lastCounting(db, userId, now)]);
  return { latest: latest ? toView(latest, now) : null, nextAllowedAt: counting ? new Date(counting.createdAt.getTime() + EXPORT_EVERY_MS) : null };
}

/**
 * Asks for an export: a queued row, or EXPORT_TOO_SOON with the moment another may be asked
 * for. Concurrent requests of one person make one row: the transaction first writes the
 * person's row (an update that changes nothing), which holds the others until it commits.
 */
export async function requestExport(db: Db, userId: string, now = new Date()): Promise<TDataExport> {
  const row = await db.$transaction(async (tx) => {
    const locked = await tx.$executeRaw`UPDATE "User" SET "sessionVersion" = "sessionVersion" WHERE "id" = ${userId}`;
    if (locked !== 1) throw new AppError("NOT_FOUND", "No such account");
    const last = await lastCounting(tx, userId, now);
    if (last) {
      const at = new Date(last.createdAt.getTime() + EXPORT_EVERY_MS);
      throw new AppError("EXPORT_TOO_SOON", `One export a day: ask again from ${at.toISOString()}`, { at: at.getTime() });
    }
    return tx.dataExport.create({ data: { userId, status: "queued", createdAt: now } });
  });
  publish({ type: "dataExport.changed", userId, exportId: row.id });
  return toView(row, now);
}

/** The file to send for GET /api/exports/<id>: only its owner's, ready and not expired; otherwise null (404). */
export async function downloadable(db: Db, userId: string, id: string, now = new Date()) {
  const row = await db.dataExport.findFirst({ where: { id, userId, status: "ready", expiresAt: { gt: now } } });
  if (!row?.readyAt) return null;
  const file = exportFile(row.id);
  if (!existsSync(file)) return null;
  return { file, name: exportFileName(row.readyAt), sizeBytes: row.sizeBytes };
}

// ─── Building ──────────────────────────────────────────────────────────────

/** Pages of rows by a cursor on id (each `fetch` adds its own where and orderBy with id last). */
async function* pages<T extends { id: string }>(fetch: (page: { take: number; skip?: number; cursor?: { id: string } }) => Promise<T[]>) {
  let cursor: string | undefined;
  for (;;) {
    const rows = await fetch({ take: EXPORT_PAGE, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/** Writes a JSON array entry from pages of rows; answers how many items it holds. */
async function jsonArray<T>(zip: ZipFileWriter, name: string, source: AsyncIterable<T[]>): Promise<number> {
  let count = 0;
  await zip.entry(name, async (write) => {
    await write("[");
    for await (const page of source) {
      for (const item of page) await write(`${count++ ? "," : ""}\n  ${JSON.stringify(item)}`);
    }
    await write(count ? "\n]\n" : "]\n");
  });
  return count;
}

const photoRef = (id: string | null | undefined, mine: Set<string>) => (id ? (mine.has(id) ? `photos/${id}.webp` : "(a photo the other side sent)") : null);

/** Writes the archive of one person into `zip`; answers the manifest's file list. */
async function writeArchive(db: Db, zip: ZipFileWriter, userId: string, exportId: string, now: Date) {
  const counts: Record<string, number> = {};
  const put = async (file: TExportFile, value: unknown, count: number) => {
    await zip.json(file, value);
    counts[file] = count;
  };
  const list = async (file: TExportFile, source: AsyncIterable<unknown[]>) => {
    counts[file] = await jsonArray(zip, file, source);
  };

  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, locale: true, createdAt: true, updatedAt: true, suspendedAt: true, deletionRequestedAt: true },
  });
  await put("profile.json", user, 1);

  const roles = await db.userRole.findMany({ where: { userId }, select: { role: true, createdAt: true }, orderBy: { role: "asc" } });
  await put("roles.json", roles, roles.length);

  const unitSelect = { staircase: true, floor: true, door: true, building: { select: { name: true, address: true, postalCode: true, city: true } } } as const;
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, joinedVia: true, message: true, createdAt: true, updatedAt: true, decidedAt: true, unit: { select: unitSelect } },
  });
  await put("memberships.json", memberships, memberships.length);

  const [managed, decisions] = await Promise.all([
    db.buildingManager.findMany({ where: { userId }, select: { createdAt: true, building: { select: { id: true, name: true, address: true, postalCode: true, city: true } } } }),
    db.membership.findMany({
      where: { decidedById: userId },
      orderBy: { decidedAt: "asc" },
      select: { id: true, status: true, joinedVia: true, decidedAt: true, unit: { select: { staircase: true, door: true, building: { select: { name: true } } } } },
    }),
  ]);
  await put("managed-buildings.json", { buildings: managed, joinDecisions: decisions }, managed.length + decisions.length);

  const invites = await db.inviteCode.findMany({
    where: { createdById: userId },
    orderBy: { createdAt: "asc" },
    select: { code: true, maxUses: true, uses: true, expiresAt: true, revokedAt: true, createdAt: true, unit: { select: unitSelect } },
  });
  await put("invite-codes.json", invites, invites.length);

  // Money: the wallet, its top-ups, then every movement with what it paid.
  const wallet = await db.ledgerAccount.findUnique({ where: { userId }, select: { id: true, currency: true, balance: true, createdAt: true } });
  const topUps = await db.paymentIntent.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, provider: true, amount: true, currency: true, status: true, failureReason: true, createdAt: true, confirmedAt: true, transactionId: true },
  });
  await put("wallet.json", { wallet: wallet && { currency: wallet.currency, balanceCents: wallet.balance, createdAt: wallet.createdAt }, topUps }, (wallet ? 1 : 0) + topUps.length);
  await list(
    "wallet-movements.json",
    (async function* () {
      if (!wallet) return;
      for await (const entries of pages((p) =>
        db.ledgerEntry.findMany({
          ...p,
          where: { accountId: wallet.id },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            amount: true,
            createdAt: true,
            transaction: {
              select: {
                id: true,
                kind: true,
                amount: true,
                currency: true,
                memo: true,
                refundOfId: true,
                createdAt: true,
                billPayments: { select: { amount: true, bill: { select: { reference: true, kind: true, periodStart: true, periodEnd: true } } } },
                orders: { select: { number: true, shop: { select: { name: true } } } },
                orderRefunds: { select: { number: true, shop: { select: { name: true } } } },
                qrPayment: { select: { label: true, shop: { select: { name: true } } } },
                intent: { select: { provider: true } },
              },
            },
          },
        }),
      )) {
        yield entries.map((e) => {
          const tx = e.transaction;
          return {
            id: e.id,
            at: e.createdAt,
            amountCents: e.amount,
            currency: tx.currency,
            kind: tx.kind,
            transactionId: tx.id,
            memo: tx.memo,
            refundOf: tx.refundOfId,
            receipt: {
              bills: tx.billPayments.map((b) => ({ reference: b.bill.reference, kind: b.bill.kind, periodStart: b.bill.periodStart, periodEnd: b.bill.periodEnd, amountCents: b.amount })),
              orders: tx.orders.map((o) => ({ shop: o.shop.name, number: o.number })),
              orderRefunds: tx.orderRefunds.map((o) => ({ shop: o.shop.name, number: o.number })),
              qrPayment: tx.qrPayment && { shop: tx.qrPayment.shop.name, label: tx.qrPayment.label },
              topUp: tx.intent && { provider: tx.intent.provider },
            },
          };
        });
      }
    })(),
  );

  // Bills of the homes the person lives in now, and any bill they paid.
  const homeUnitIds = (await db.membership.findMany({ where: { userId, status: "active" }, select: { unitId: true } })).map((m) => m.unitId);
  await list(
    "bills.json",
    (async function* () {
      for await (const bills of pages((p) =>
        db.bill.findMany({
          ...p,
          where: { OR: [{ unitId: { in: homeUnitIds } }, { paidById: userId }] },
          orderBy: { id: "asc" },
          select: {
            id: true,
            kind: true,
            reference: true,
            periodStart: true,
            periodEnd: true,
            dueDate: true,
            amount: true,
            currency: true,
            meterReading: true,
            consumption: true,
            consumptionUnit: true,
            status: true,
            paidAt: true,
            paymentMethod: true,
            paidById: true,
            paidBy: { select: { name: true } },
            createdAt: true,
            unit: { select: unitSelect },
          },
        }),
      )) {
        yield bills.map(({ paidById, paidBy, amount, ...b }) => ({ ...b, amountCents: amount, paidBy: paidById === userId ? "you" : (paidBy?.name ?? null) }));
      }
    })(),
  );

  await list(
    "orders.json",
    pages((p) =>
      db.order.findMany({
        ...p,
        where: { userId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          number: true,
          status: true,
          deliveryDate: true,
          windowStarts: true,
          windowEnds: true,
          note: true,
          total: true,
          currency: true,
          createdAt: true,
          acceptedAt: true,
          deliveredAt: true,
          transactionId: true,
          refundId: true,
          shop: { select: { name: true } },
          unit: { select: unitSelect },
          lines: { select: { name: true, unit: true, price: true, quantity: true, total: true } },
        },
      }),
    ),
  );

  const qr = await db.qrPayment.findMany({
    where: { paidById: userId },
    orderBy: { paidAt: "asc" },
    select: { id: true, amount: true, label: true, paidAt: true, transactionId: true, shop: { select: { name: true } } },
  });
  await put("qr-payments.json", qr, qr.length);

  const myPhotos = new Set((await db.photo.findMany({ where: { ownerId: userId }, select: { id: true } })).map((p) => p.id));

  const bookings = await db.repairBooking.findMany({
    where: { residentId: userId },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      category: true,
      startsAt: true,
      endsAt: true,
      status: true,
      description: true,
      vehicleMake: true,
      vehicleModel: true,
      vehiclePlate: true,
      vehicleLocation: true,
      calloutFeeCents: true,
      depositCents: true,
      proposedStartsAt: true,
      proposedEndsAt: true,
      reason: true,
      cancelledBy: true,
      repairerNote: true,
      finalPriceCents: true,
      rating: true,
      ratingComment: true,
      ratedAt: true,
      requestedAt: true,
      decidedAt: true,
      startedAt: true,
      doneAt: true,
      createdAt: true,
      service: { select: { shop: { select: { name: true } } } },
      unit: { select: unitSelect },
      photos: { select: { photoId: true, position: true }, orderBy: { position: "asc" } },
    },
  });
  await put(
    "repair-bookings.json",
    bookings.map(({ service, photos, ...b }) => ({ ...b, repairer: service.shop.name, photos: photos.map((p) => photoRef(p.photoId, myPhotos)) })),
    bookings.length,
  );

  // Chat: the person's conversations as a resident and those of the shops they own.
  const conversations = await db.conversation.findMany({
    where: { OR: [{ residentId: userId }, { shop: { ownerId: userId } }] },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      residentId: true,
      createdAt: true,
      lastMessageAt: true,
      residentBlockedAt: true,
      merchantBlockedAt: true,
      shop: { select: { name: true, ownerId: true } },
      resident: { select: { name: true } },
      order: { select: { number: true } },
    },
  });
  const conversationView = conversations.map((c) => {
    const isResident = c.residentId === userId;
    return {
      id: c.id,
      youAre: isResident ? "resident" : "shop",
      shop: c.shop.name,
      with: isResident ? c.shop.name : c.resident.name,
      aboutOrder: c.order?.number ?? null,
      createdAt: c.createdAt,
      lastMessageAt: c.lastMessageAt,
      youBlockedThem: (isResident ? c.residentBlockedAt : c.merchantBlockedAt) !== null,
      theyBlockedYou: (isResident ? c.merchantBlockedAt : c.residentBlockedAt) !== null,
    };
  });
  await put("conversations.json", conversationView, conversationView.length);
  const otherName = new Map(conversationView.map((c) => [c.id, c.with]));
  await list(
    "messages.json",
    (async function* () {
      for (const c of conversations) {
        for await (const messages of pages((p) =>
          db.message.findMany({ ...p, where: { conversationId: c.id }, orderBy: { seq: "asc" }, select: { id: true, seq: true, senderId: true, body: true, photoId: true, createdAt: true } }),
        )) {
          yield messages.map((m) => ({ conversationId: c.id, seq: m.seq, from: m.senderId === userId ? "you" : otherName.get(c.id)!, at: m.createdAt, body: m.body, photo: photoRef(m.photoId, myPhotos) }));
        }
      }
    })(),
  );

  const reports = await db.messageReport.findMany({
    where: { reporterId: userId },
    orderBy: { createdAt: "asc" },
    select: { reason: true, note: true, status: true, createdAt: true, reviewedAt: true, message: { select: { conversationId: true, seq: true } } },
  });
  await put("message-reports.json", reports, reports.length);

  const reads = await db.noticeRead.findMany({
    where: { userId },
    orderBy: { seenAt: "asc" },
    select: { seenAt: true, acknowledgedAt: true, notice: { select: { id: true, title: true, category: true, urgency: true, publishAt: true } } },
  });
  await put("notices-read.json", reads, reads.length);

  const favourites = await db.parkingFavourite.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { notifyWhenFree: true, createdAt: true, place: { select: { name: true, address: true, kind: true } } },
  });
  await put("parking.json", favourites.map(({ notifyWhenFree, ...f }) => ({ ...f, alertWhenFree: notifyWhenFree })), favourites.length);

  const [prefs, settings] = await Promise.all([
    db.notificationPreference.findMany({ where: { userId }, select: { kind: true, enabled: true, updatedAt: true }, orderBy: { kind: "asc" } }),
    db.notificationSettings.findUnique({ where: { userId }, select: { quietFrom: true, quietTo: true, timeZone: true, updatedAt: true } }),
  ]);
  await put("notification-settings.json", { preferences: prefs, quietHours: settings }, prefs.length + (settings ? 1 : 0));

  await list(
    "notifications.json",
    (async function* () {
      for await (const rows of pages((p) =>
        db.notification.findMany({ ...p, where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, params: true, link: true, urgent: true, readAt: true, doneAt: true, createdAt: true, updatedAt: true } }),
      )) {
        yield rows.map((n) => ({ ...n, params: JSON.parse(n.params) as unknown }));
      }
    })(),
  );

  const [optIns, received, sent] = await Promise.all([
    db.promoOptIn.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { createdAt: true, shop: { select: { name: true } } } }),
    db.promoDelivery.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { month: true, createdAt: true, promotion: { select: { title: true, body: true, shop: { select: { name: true } } } } } }),
    db.promotion.findMany({ where: { authorId: userId }, orderBy: { createdAt: "asc" }, select: { title: true, body: true, sentCount: true, skipped: true, createdAt: true, shop: { select: { name: true } } } }),
  ]);
  await put("promotions.json", { optIns, received, sent }, optIns.length + received.length + sent.length);

  const [opened, supported] = await Promise.all([
    db.commonRepair.findMany({
      where: { createdById: userId },
      orderBy: { createdAt: "asc" },
      select: { title: true, description: true, area: true, staircase: true, status: true, note: true, createdAt: true, startedAt: true, doneAt: true, withdrawnAt: true, building: { select: { name: true } } },
    }),
    db.commonRepairSupport.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { createdAt: true, commonRepair: { select: { title: true, area: true, status: true, building: { select: { name: true } } } } } }),
  ]);
  await put("common-repairs.json", { opened, supported }, opened.length + supported.length);

  const keys = await db.parkingApiKey.findMany({
    where: { createdById: userId },
    orderBy: { createdAt: "asc" },
    select: { label: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true, operator: { select: { name: true } } },
  });
  await put("api-keys.json", keys, keys.length);

  const shops = await db.shop.findMany({
    where: { ownerId: userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      category: true,
      kind: true,
      status: true,
      minOrder: true,
      timeZone: true,
      photoId: true,
      createdAt: true,
      decidedAt: true,
      hours: { select: { weekday: true, opens: true, closes: true }, orderBy: [{ weekday: "asc" }, { opens: "asc" }] },
      windows: { select: { starts: true, ends: true, cutoffMinutes: true, isActive: true } },
      buildings: { select: { building: { select: { name: true } } } },
      products: {
        orderBy: { name: "asc" },
        select: { name: true, description: true, price: true, unit: true, category: true, stock: true, isActive: true, photoId: true, createdAt: true },
      },
      repair: {
        select: {
          calloutFeeCents: true,
          depositCents: true,
          mode: true,
          windowCapacity: true,
          stepMinutes: true,
          bufferMinutes: true,
          minNoticeMinutes: true,
          horizonDays: true,
          cancelCutoffMinutes: true,
          categories: { select: { category: true, durationMinutes: true } },
          hours: { select: { weekday: true, opens: true, closes: true } },
          exceptions: { select: { kind: true, fromDate: true, toDate: true, opens: true, closes: true, note: true } },
        },
      },
    },
  });
  const qrLinks = await db.qrPayment.findMany({
    where: { createdById: userId },
    orderBy: { createdAt: "asc" },
    select: { shopId: true, amount: true, label: true, status: true, createdAt: true, expiresAt: true, paidAt: true },
  });
  await put(
    "shops.json",
    shops.map(({ photoId, buildings, products, ...s }) => ({
      ...s,
      photo: photoRef(photoId, myPhotos),
      deliversTo: buildings.map((b) => b.building.name),
      products: products.map(({ photoId: pid, ...p }) => ({ ...p, photo: photoRef(pid, myPhotos) })),
      qrPaymentLinks: qrLinks.filter((q) => q.shopId === s.id).map(({ shopId: _shopId, ...q }) => q),
    })),
    shops.length,
  );

  const notices = await db.notice.findMany({
    where: { authorId: userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      title: true,
      body: true,
      category: true,
      urgency: true,
      startsAt: true,
      endsAt: true,
      publishAt: true,
      publishedAt: true,
      expiresAt: true,
      pinned: true,
      editedAt: true,
      withdrawnAt: true,
      createdAt: true,
      targets: { select: { staircase: true, building: { select: { name: true } } } },
    },
  });
  // Attachments the person uploaded (attached to a notice or not yet).
  const attachments = await db.noticeAttachment.findMany({ where: { ownerId: userId }, orderBy: { createdAt: "asc" }, select: { id: true, noticeId: true, kind: true, name: true, bytes: true, photoId: true, createdAt: true } });
  const pdfs = attachments.filter((a) => a.kind === "pdf");
  const attachmentView = (a: (typeof attachments)[number]) => ({ name: a.name, kind: a.kind, bytes: a.bytes, createdAt: a.createdAt, file: a.kind === "pdf" ? `files/${a.id}.pdf` : photoRef(a.photoId, myPhotos) });
  await put(
    "notices-written.json",
    {
      notices: notices.map((n) => ({ ...n, targets: n.targets.map((t) => ({ building: t.building.name, staircase: t.staircase || null })), attachments: attachments.filter((a) => a.noticeId === n.id).map(attachmentView) })),
      unattachedFiles: attachments.filter((a) => !a.noticeId).map(attachmentView),
    },
    notices.length + attachments.length,
  );

  const photos = await db.photo.findMany({ where: { ownerId: userId }, orderBy: { createdAt: "asc" }, select: { id: true, width: true, height: true, bytes: true, createdAt: true } });
  // A file missing on disk (storage lost) is named in the manifest rather than failing the export.
  const missing: string[] = [];
  let photoFiles = 0;
  let pdfFiles = 0;
  for (const p of photos) {
    const file = path.join(photoDir(), `${p.id}.webp`);
    if (existsSync(file)) {
      await zip.file(`photos/${p.id}.webp`, file);
      photoFiles++;
    } else missing.push(`photos/${p.id}.webp`);
  }
  for (const a of pdfs) {
    const { file } = attachmentFile(a);
    if (existsSync(file)) {
      await zip.file(`files/${a.id}.pdf`, file);
      pdfFiles++;
    } else missing.push(`files/${a.id}.pdf`);
  }
  await put("photos.json", photos.map((p) => ({ ...p, file: missing.includes(`photos/${p.id}.webp`) ? null : `photos/${p.id}.webp` })), photos.length);

  const exportsAsked = await db.dataExport.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true, createdAt: true, readyAt: true, expiresAt: true, sizeBytes: true } });
  await put("data-exports.json", exportsAsked.map((e) => (e.id === exportId ? { ...e, status: "this export" } : e)), exportsAsked.length);

  await list(
    "admin-actions.json",
    pages((p) => db.auditLog.findMany({ ...p, where: { actorId: userId }, orderBy: { id: "asc" }, select: { id: true, action: true, targetType: true, targetId: true, detail: true, reason: true, createdAt: true } })),
  );

  await zip.json("manifest.json", {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    service: "Quartier",
    exportId,
    userId,
    generatedAt: now,
    keptUntil: new Date(now.getTime() + EXPORT_KEEP_MS),
    files: EXPORT_FILES.map((f) => ({ name: f.file, holds: f.about, count: counts[f.file] ?? 0 })),
    photos: { folder: "photos/", count: photoFiles },
    attachments: { folder: "files/", count: pdfFiles },
    ...(missing.length ? { missingFiles: missing } : {}),
    notIncluded: Object.values(LEFT_OUT),
    notes: [
      "Amounts are integer cents (amountCents, priceCents…); times are ISO 8601 in UTC.",
      "In conversations and messages the other side is shown by display name only.",
      "Your password is never exported: Quartier keeps only a one-way hash of it.",
    ],
  });
  return counts;
}

/**
 * Builds one export if it is still queued (claimed by a conditional update, so each is built
 * once whoever calls); answers the row's status afterwards, or null when someone else has it.
 */
export async function buildExport(db: Db, id: string, now = () => new Date()): Promise<TExportStatus | null> {
  const started = now();
  const claimed = await db.dataExport.updateMany({ where: { id, status: "queued" }, data: { status: "building", error: null } });
  if (claimed.count !== 1) return null;
  const row = await db.dataExport.findUniqueOrThrow({ where: { id } });
  // The claim's time is what a stale build is judged by (readyAt is set again when it is ready).
  await db.dataExport.update({ where: { id }, data: { readyAt: started } });
  const final = exportFile(id);
  const temp = `${final}.part`;
  let zip: ZipFileWriter | null = null;
  try {
    await mkdir(exportDir(), { recursive: true });
    await rm(temp, { force: true });
    zip = new ZipFileWriter(temp, started);
    await writeArchive(db, zip, row.userId, id, started);
    const sizeBytes = await zip.close();
    await rename(temp, final);
    const readyAt = now();
    const expiresAt = new Date(readyAt.getTime() + EXPORT_KEEP_MS);
    const done = await db.dataExport.updateMany({ where: { id, status: "building" }, data: { status: "ready", sizeBytes, readyAt, expiresAt } });
    if (done.count !== 1) {
      // Marked failed meanwhile (it took longer than a stale build may): the file is not kept.
      await rm(final, { force: true });
      return "failed";
    }
    await notify(db, [{ userId: row.userId, kind: "dataExportReady", params: { expiresAt: expiresAt.toISOString(), sizeBytes }, dedupeKey: `dataExport:${id}` }], readyAt);
    publish({ type: "dataExport.changed", userId: row.userId, exportId: id });
    return "ready";
  } catch (err) {
    await zip?.abort().catch(() => {});
    await rm(temp, { force: true }).catch(() => {});
    log.error({ err, exportId: id }, "data export failed");
    await db.dataExport.updateMany({ where: { id, status: "building" }, data: { status: "failed", error: err instanceof Error ? err.message.slice(0, 500) : "failed", readyAt: null } });
    publish({ type: "dataExport.changed", userId: row.userId, exportId: id });
    return "failed";
  }
}

/** Ready exports past their 24 h: files deleted, rows marked expired. Answers how many. */
export async function expireExports(db: Db, now = new Date()): Promise<number> {
  const due = await db.dataExport.findMany({ where: { status: "ready", expiresAt: { lte: now } }, select: { id: true, userId: true }, take: 200 });
  let expired = 0;
  for (const e of due) {
    await rm(exportFile(e.id), { force: true });
    const { count } = await db.dataExport.updateMany({ where: { id: e.id, status: "ready" }, data: { status: "expired" } });
    if (count) {
      expired++;
      publish({ type: "dataExport.changed", userId: e.userId, exportId: e.id });
    }
  }
  return expired;
}

/**
 * The scheduled job (server/main.ts, under the job lease): builds what is queued, oldest
 * first (a few per run), marks builds that died with their process failed (the person may ask
 * again), and expires what is past its 24 h.
 */
export async function runExportJob(db: Db, now = () => new Date()) {
  const stale = await db.dataExport.findMany({ where: { status: "building", readyAt: { lt: new Date(now().getTime() - STALE_BUILD_MS) } }, select: { id: true, userId: true } });
  for (const s of stale) {
    const { count } = await db.dataExport.updateMany({ where: { id: s.id, status: "building" }, data: { status: "failed", error: "the build stopped", readyAt: null } });
    if (count) {
      await rm(`${exportFile(s.id)}.part`, { force: true });
      publish({ type: "dataExport.changed", userId: s.userId, exportId: s.id });
    }
  }
  const queued = await db.dataExport.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true }, take: 5 });
  let built = 0;
  for (const q of queued) if ((await buildExport(db, q.id, now)) === "ready") built++;
  const expired = await expireExports(db, now());
  return { built, expired, failedStale: stale.length };
}
