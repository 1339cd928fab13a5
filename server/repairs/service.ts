// Repair booking (issue 13): repairers' settings, the slots residents see, holds, bookings
// with their deposit, and the status machine
//   held → requested → confirmed → in_progress → done, or declined / cancelled (/ expired hold),
// with a proposed other slot the resident accepts or refuses. Time is taken through
// claims.ts (the database refuses a double booking); what is offered is slots.ts. Every move
// is a conditional update on the status it leaves, so two racing moves cannot both apply.
import type { Prisma } from "../../generated/prisma/client";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { accountIdOf, charge, ensureAccount, refund, requestHash, walletOf } from "../ledger/ledger";
import { livesInBuilding, livesInUnit, ownsShop, servesResident, takesPartInBooking } from "../access";
import { addDays, firstInstantFrom } from "../lib/zoned";
import { publish } from "../realtime/emit";
import { notify } from "../notifications/service";
import { photoUrl } from "../storage/photos";
import { availableSlots, slotFits, type TInterval, type TSlotInput, type TSlotOffer } from "./slots";
import { cellsOf, claim, isClaimed, releaseClaims, releaseLapsed, withSeatRetry, type TClaimShape } from "./claims";
import type { TBookInput, TBooking, TBookingStatus, TRepairCategory, TRepairer, TServiceSettings, TSlot } from "./schema";
import { ACTIVE_STATUSES } from "./schema";

/** How long a slot stays held while the resident fills the form. */
export const HOLD_MINUTES = 10;
const MINUTE = 60_000;

// ─── Settings ───────────────────────────────────────────────────────────────

const serviceInclude = {
  shop: { select: { id: true, name: true, description: true, photoId: true, timeZone: true, ownerId: true, status: true } },
  categories: true,
  hours: true,
  exceptions: true,
} satisfies Prisma.RepairServiceInclude;
type ServiceRow = Prisma.RepairServiceGetPayload<{ include: typeof serviceInclude }>;

function toSettings(s: ServiceRow): TServiceSettings {
  return {
    calloutFeeCents: s.calloutFeeCents,
    depositCents: s.depositCents,
    mode: s.mode as "exact" | "window",
    windowCapacity: s.windowCapacity,
    stepMinutes: s.stepMinutes as 15 | 20 | 30 | 60,
    bufferMinutes: s.bufferMinutes,
    minNoticeMinutes: s.minNoticeMinutes,
    horizonDays: s.horizonDays,
    cancelCutoffMinutes: s.cancelCutoffMinutes,
    categories: s.categories.map((c) => ({ category: c.category as TRepairCategory, durationMinutes: c.durationMinutes })).sort((a, b) => a.category.localeCompare(b.category)),
    hours: s.hours.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })).sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)),
    exceptions: s.exceptions
      .map((e) =>
        e.kind === "off"
          ? { kind: "off" as const, fromDate: e.fromDate, toDate: e.toDate, note: e.note }
          : { kind: "hours" as const, fromDate: e.fromDate, opens: e.opens ?? "00:00", closes: e.closes ?? "24:00", note: e.note },
      )
      .sort((a, b) => a.fromDate.localeCompare(b.fromDate)),
  };
}

/** The repair settings of the caller's business (null when it has none yet). */
export async function getService(db: Db, ownerId: string, shopId: string) {
  const shop = await db.shop.findFirst({ where: { id: shopId, kind: "repairer", ...ownsShop(ownerId) }, select: { id: true, kind: true, status: true, timeZone: true } });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  const s = await db.repairService.findUnique({ where: { shopId }, include: serviceInclude });
  return { shopId, kind: shop.kind, status: shop.status, timeZone: shop.timeZone, settings: s ? toSettings(s) : null };
}

/** Creates or replaces the caller's repair settings (hours and exceptions replaced as a whole). */
export async function saveService(db: Db, ownerId: string, shopId: string, input: TServiceSettings) {
  const shop = await db.shop.findFirst({ where: { id: shopId, kind: "repairer", ...ownsShop(ownerId) }, select: { id: true, ownerId: true } });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  const { categories, hours, exceptions, ...fields } = input;
  await db.$transaction(async (tx) => {
    await tx.repairService.upsert({ where: { shopId }, create: { shopId, ...fields }, update: fields });
    await tx.repairCategory.deleteMany({ where: { serviceId: shopId } });
    await tx.repairHours.deleteMany({ where: { serviceId: shopId } });
    await tx.repairException.deleteMany({ where: { serviceId: shopId } });
    await tx.repairCategory.createMany({ data: categories.map((c) => ({ serviceId: shopId, ...c })) });
    if (hours.length) await tx.repairHours.createMany({ data: hours.map((h) => ({ serviceId: shopId, ...h })) });
    if (exceptions.length) {
      await tx.repairException.createMany({
        data: exceptions.map((e) =>
          e.kind === "off"
            ? { serviceId: shopId, kind: "off", fromDate: e.fromDate, toDate: e.toDate, note: e.note }
            : { serviceId: shopId, kind: "hours", fromDate: e.fromDate, toDate: e.fromDate, opens: e.opens, closes: e.closes, note: e.note },
        ),
      });
    }
  });
  await publishSlotsChanged(db, shopId);
  return getService(db, ownerId, shopId);
}

// ─── Slots ──────────────────────────────────────────────────────────────────

/** What takes a repairer's time now: live bookings, live holds and proposed slots (minus one booking's own). */
async function busyOf(db: Db | DbTx, serviceId: string, now: Date, except?: string): Promise<TInterval[]> {
  const rows = await db.repairBooking.findMany({
    where: {
      serviceId,
      endsAt: { gt: new Date(now.getTime() - 86_400_000) },
      OR: [{ status: { in: ["requested", "confirmed", "in_progress"] } }, { status: "held", holdExpiresAt: { gt: now } }],
      ...(except ? { id: { not: except } } : {}),
    },
    select: { startsAt: true, endsAt: true, proposedStartsAt: true, proposedEndsAt: true },
  });
  const out: TInterval[] = [];
  for (const r of rows) {
    out.push({ start: r.startsAt, end: r.endsAt });
    if (r.proposedStartsAt && r.proposedEndsAt) out.push({ start: r.proposedStartsAt, end: r.proposedEndsAt });
  }
  return out;
}

function slotInput(s: ServiceRow, busy: TInterval[], displayTimeZone: string): Omit<TSlotInput, "durationMinutes"> {
  return {
    timeZone: s.shop.timeZone,
    hours: s.hours.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })),
    stepMinutes: s.stepMinutes,
    bufferMinutes: s.bufferMinutes,
    minNoticeMinutes: s.minNoticeMinutes,
    horizonDays: s.horizonDays,
    daysOff: s.exceptions.filter((e) => e.kind === "off").map((e) => ({ from: e.fromDate, to: e.toDate })),
    dateHours: s.exceptions.filter((e) => e.kind === "hours").map((e) => ({ date: e.fromDate, ranges: [{ opens: e.opens ?? "00:00", closes: e.closes ?? "24:00" }] })),
    mode: s.mode as "exact" | "window",
    windowCapacity: s.windowCapacity,
    busy,
    displayTimeZone,
  };
}

const durationOf = (s: ServiceRow, category: string) => s.categories.find((c) => c.category === category)?.durationMinutes;
const shapeOf = (s: { mode: string; bufferMinutes: number; windowCapacity: number }): TClaimShape =>
  s.mode === "window" ? { mode: "window", capacity: s.windowCapacity } : { mode: "exact", bufferMinutes: s.bufferMinutes };
const toSlot = (o: TSlotOffer): TSlot => ({ startsAt: o.startsAt, endsAt: o.endsAt, mode: o.mode, capacityLeft: o.capacityLeft, display: o.display });

/** The zone of the resident's building served by this repairer (their first one, by name). */
async function residentZone(db: Db, userId: string, serviceId: string): Promise<string | null> {
  const b = await db.building.findFirst({
    where: { ...livesInBuilding(userId), shops: { some: { shopId: serviceId } } },
    select: { timeZone: true },
    orderBy: { name: "asc" },
  });
  return b?.timeZone ?? null;
}

/** A repairer serving the resident, with its settings; NOT_FOUND otherwise. */
async function servingService(db: Db | DbTx, userId: string, serviceId: string): Promise<ServiceRow> {
  const s = await db.repairService.findFirst({ where: { shopId: serviceId, ...servesResident(userId) }, include: serviceInclude });
  if (!s) throw new AppError("NOT_FOUND", "Repairer not found");
  return s;
}

async function ratingsOf(db: Db, serviceIds: string[]) {
  const rows = await db.repairBooking.groupBy({ by: ["serviceId"], where: { serviceId: { in: serviceIds }, rating: { not: null } }, _avg: { rating: true }, _count: { rating: true } });
  return new Map(rows.map((r) => [r.serviceId, { average: r._avg.rating === null ? null : Math.round(r._avg.rating * 10) / 10, count: r._count.rating }]));
}

/** Repairers serving one of the resident's buildings for a category, with their next free slots. */
export async function listRepairers(db: Db, userId: string, category: TRepairCategory, now = new Date(), nextCount = 3): Promise<TRepairer[]> {
  const services = await db.repairService.findMany({
    where: { ...servesResident(userId), categories: { some: { category } } },
    include: serviceInclude,
    orderBy: { shop: { name: "asc" } },
  });
  const ratings = await ratingsOf(
    db,
    services.map((s) => s.shopId),
  );
  return Promise.all(
    services.map(async (s) => {
      const zone = (await residentZone(db, userId, s.shopId)) ?? s.shop.timeZone;
      const busy = await busyOf(db, s.shopId, now);
      const duration = durationOf(s, category)!;
      const slots = availableSlots({ ...slotInput(s, busy, zone), durationMinutes: duration }, now).slice(0, nextCount);
      return {
        serviceId: s.shopId,
        name: s.shop.name,
        description: s.shop.description,
        photoUrl: photoUrl(s.shop.photoId),
        timeZone: zone,
        categories: toSettings(s).categories,
        calloutFeeCents: s.calloutFeeCents,
        depositCents: s.depositCents,
        mode: s.mode as "exact" | "window",
        cancelCutoffMinutes: s.cancelCutoffMinutes,
        rating: ratings.get(s.shopId) ?? { average: null, count: 0 },
        nextSlots: slots.map(toSlot),
      };
    }),
  );
}

/** Every free slot of one repairer for a category, over its horizon, in the resident's building's zone. */
export async function listSlots(db: Db, userId: string, input: { serviceId: string; category: TRepairCategory }, now = new Date()) {
  const s = await servingService(db, userId, input.serviceId);
  const duration = durationOf(s, input.category);
  if (!duration) throw new AppError("NOT_FOUND", "Repairer not found");
  const zone = (await residentZone(db, userId, s.shopId)) ?? s.shop.timeZone;
  // The resident's own live hold is shown as free (it is theirs to book).
  const mine = await db.repairBooking.findFirst({ where: { serviceId: s.shopId, residentId: userId, status: "held", holdExpiresAt: { gt: now } }, select: { id: true } });
  const busy = await busyOf(db, s.shopId, now, mine?.id);
  return { timeZone: zone, durationMinutes: duration, slots: availableSlots({ ...slotInput(s, busy, zone), durationMinutes: duration }, now).map(toSlot) };
}

/**
 * The job length to give the slot engine for a booking: an arrival window's booking spans its
 * whole window, so its category's length is what fits; an exact job keeps its own length,
 * which must still be a whole number of grid steps (null after the repairer changed the step).
 */
function engineLength(s: { mode: string; stepMinutes: number; categories: { category: string; durationMinutes: number }[] }, category: string, duration: number): number | null {
  if (s.mode === "window") return s.categories.find((c) => c.category === category)?.durationMinutes ?? s.stepMinutes;
  return duration % s.stepMinutes === 0 ? duration : null;
}

/**
 * The free slots a repairer may propose instead of one booking's time: its own length, its own
 * current time not in the way, and no minimum notice (as `propose` checks them).
 */
export async function slotsForProposal(db: Db, ownerId: string, id: string, now = new Date()) {
  const b = await loadAs(db, ownerId, id, "repairer");
  const s = b.service;
  const duration = Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / MINUTE);
  const fitLength = engineLength(s, b.category, duration);
  if (!fitLength) return { timeZone: s.shop.timeZone, durationMinutes: duration, slots: [] };
  const busy = await busyOf(db, s.shopId, now, b.id);
  const input = { ...slotInput(s, busy, s.shop.timeZone), minNoticeMinutes: 0, durationMinutes: fitLength };
  // An arrival window's booking is not offered its own window again.
  const slots = availableSlots(input, now).filter((o) => s.mode !== "window" || o.startsAt.getTime() !== b.startsAt.getTime());
  return { timeZone: s.shop.timeZone, durationMinutes: duration, slots: slots.map(toSlot) };
}

// ─── Holds and booking ──────────────────────────────────────────────────────

/**
 * Holds a slot while the resident fills the form: a booking in status "held" that claims its
 * time until holdExpiresAt. The resident's earlier live hold with this repairer is let go.
 */
export async function hold(db: Db, userId: string, input: { serviceId: string; category: TRepairCategory; startsAt: Date }, now = new Date()) {
  const s = await servingService(db, userId, input.serviceId);
  if (s.shop.ownerId === userId) throw new AppError("OWN_SHOP", "This is your own business");
  const duration = durationOf(s, input.category);
  if (!duration) throw new AppError("NOT_FOUND", "Repairer not found");
  const zone = (await residentZone(db, userId, s.shopId)) ?? s.shop.timeZone;
  const expiresAt = new Date(now.getTime() + HOLD_MINUTES * MINUTE);
  // Most requests that lose a race are refused here, by one read, without a transaction.
  if (await isClaimed(db, s.shopId, input.startsAt, new Date(input.startsAt.getTime() + duration * MINUTE), shapeOf(s), userId, now)) throw slotRefusal("taken");
  const id = await withSeatRetry(() =>
    db.$transaction(
      async (tx) => {
        await releaseLapsed(tx, s.shopId, now);
        const previous = await tx.repairBooking.findMany({ where: { serviceId: s.shopId, residentId: userId, status: "held" }, select: { id: true } });
        for (const p of previous) {
          const n = await tx.repairBooking.updateMany({ where: { id: p.id, status: "held" }, data: { status: "expired", holdExpiresAt: now } });
          if (n.count) await releaseClaims(tx, p.id);
        }
        const busy = await busyOf(tx, s.shopId, now);
        const fit = slotFits({ ...slotInput(s, busy, zone), durationMinutes: duration }, input.startsAt, duration, now);
        if (!fit.ok) throw slotRefusal(fit.reason);
        const booking = await tx.repairBooking.create({
          data: {
            serviceId: s.shopId,
            residentId: userId,
            category: input.category,
            startsAt: fit.offer.startsAt,
            endsAt: fit.offer.endsAt,
            status: "held",
            holdExpiresAt: expiresAt,
            calloutFeeCents: s.calloutFeeCents,
            depositCents: s.depositCents,
          },
          select: { id: true },
        });
        await claim(tx, s.shopId, booking.id, fit.offer.startsAt, fit.offer.endsAt, shapeOf(s));
        return booking.id;
      },
      { timeout: 15_000, maxWait: 15_000 },
    ),
  );
  await publishSlotsChanged(db, s.shopId);
  // What the form needs to be exact: the fees as the booking will take them, and the caller's
  // units in the buildings this repairer serves (the only ones a booking may name).
  const units = await db.unit.findMany({ where: { ...livesInUnit(userId), building: { shops: { some: { shopId: s.shopId } } } }, select: { id: true } });
  return { holdId: id, expiresAt, depositCents: s.depositCents, calloutFeeCents: s.calloutFeeCents, unitIds: units.map((u) => u.id) };
}

function slotRefusal(reason: "bad-duration" | "not-a-slot" | "beyond-horizon" | "too-soon" | "taken"): AppError {
  if (reason === "taken") return new AppError("SLOT_TAKEN", "This slot was just taken");
  return new AppError("SLOT_UNAVAILABLE", "This slot cannot be booked", { reason });
}

/** Lets a hold go before it lapses (the resident left the form). */
export async function releaseHold(db: Db, userId: string, holdId: string, now = new Date()) {
  const b = await db.repairBooking.findFirst({ where: { id: holdId, residentId: userId }, select: { id: true, status: true, serviceId: true } });
  if (!b) throw new AppError("NOT_FOUND", "Booking not found");
  if (b.status !== "held") return { released: false };
  await db.$transaction(async (tx) => {
    const n = await tx.repairBooking.updateMany({ where: { id: b.id, status: "held" }, data: { status: "expired", holdExpiresAt: now } });
    if (n.count) await releaseClaims(tx, b.id);
  });
  await publishSlotsChanged(db, b.serviceId);
  return { released: true };
}

/**
 * Turns a hold into a request: the details, the unit, the photos, and the deposit taken from
 * the wallet, all in one transaction. A hold that lapsed is claimed again if its time is
 * still free (SLOT_TAKEN otherwise). A replay (same key) answers with the booking.
 */
export async function book(db: Db, userId: string, input: TBookInput, now = new Date()): Promise<TBooking> {
  const b = await db.repairBooking.findFirst({
    where: { id: input.holdId, residentId: userId },
    include: { service: { include: serviceInclude } },
  });
  if (!b) throw new AppError("NOT_FOUND", "Booking not found");
  if (b.status !== "held" && b.status !== "expired") {
    // Already booked (a double tap, a retry after a lost answer): the booking as it is.
    if (b.requestedAt) return getBooking(db, userId, b.id, now);
    throw new AppError("BOOKING_STATE", "This booking can no longer be changed");
  }
  const s = b.service;
  if (s.shop.status !== "approved") throw new AppError("NOT_FOUND", "Repairer not found");
  const unit = await db.unit.findFirst({ where: { id: input.unitId, ...livesInUnit(userId), building: { shops: { some: { shopId: s.shopId } } } }, select: { id: true } });
  if (!unit) throw new AppError("NOT_FOUND", "Unit not found");
  if ((b.category === "vehicle") !== (input.vehicle !== null)) throw new AppError("INVALID_INPUT", "Vehicle details are needed for a vehicle repair, and only then", { field: "vehicle" });
  const photoIds = [...new Set(input.photoIds)];
  if (photoIds.length) {
    const owned = await db.photo.count({ where: { id: { in: photoIds }, ownerId: userId } });
    if (owned !== photoIds.length) throw new AppError("NOT_FOUND", "Photo not found");
  }
  const zone = (await residentZone(db, userId, s.shopId)) ?? s.shop.timeZone;
  const duration = Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / MINUTE);

  const writes = async (tx: DbTx) => {
    // Read again inside the transaction: another resident's hold may have expired this one and
    // taken its time since the read above.
    const cur = await tx.repairBooking.findUnique({ where: { id: b.id }, select: { status: true, holdExpiresAt: true } });
    if (!cur || (cur.status !== "held" && cur.status !== "expired")) throw new AppError("BOOKING_STATE", "This booking can no longer be changed");
    const lapsed = cur.status === "expired" || (cur.holdExpiresAt !== null && cur.holdExpiresAt <= now);
    if (lapsed) {
      // The hold lapsed: its time is ours again only if nobody took it meanwhile.
      await releaseLapsed(tx, s.shopId, now);
      await releaseClaims(tx, b.id);
      const busy = await busyOf(tx, s.shopId, now, b.id);
      const fitLength = engineLength(s, b.category, duration);
      if (!fitLength) throw slotRefusal("bad-duration");
      const fit = slotFits({ ...slotInput(s, busy, zone), durationMinutes: fitLength }, b.startsAt, fitLength, now);
      if (!fit.ok) throw slotRefusal(fit.reason);
      await claim(tx, s.shopId, b.id, b.startsAt, b.endsAt, shapeOf(s));
    }
    const n = await tx.repairBooking.updateMany({
      // A live hold must still be live when written (else its claims may be someone else's now).
      where: lapsed ? { id: b.id, status: { in: ["held", "expired"] } } : { id: b.id, status: "held", holdExpiresAt: { gt: now } },
      data: {
        status: "requested",
        holdExpiresAt: null,
        unitId: unit.id,
        description: input.description,
        vehicleMake: input.vehicle?.make ?? null,
        vehicleModel: input.vehicle?.model ?? null,
        vehiclePlate: input.vehicle?.plate ?? null,
        vehicleLocation: input.vehicle?.location ?? null,
        calloutFeeCents: s.calloutFeeCents,
        depositCents: s.depositCents,
        requestedAt: now,
      },
    });
    if (!n.count) throw lapsed ? new AppError("BOOKING_STATE", "This booking can no longer be changed") : slotRefusal("taken");
    if (photoIds.length) await tx.repairBookingPhoto.createMany({ data: photoIds.map((photoId, position) => ({ bookingId: b.id, photoId, position })) });
  };

  // A double tap whose first request won: the second's charge is a replay and says nothing new.
  let isReplay = false;
  const run = () =>
    s.depositCents > 0
      ? (async () => {
          const [walletId, tillId] = await Promise.all([accountIdOf(db, { userId }), accountIdOf(db, { shopId: s.shopId })]);
          const idem = { scope: `user:${userId}`, key: input.idempotencyKey, hash: requestHash({ op: "repairs.book", holdId: b.id }) };
          ({ isReplay } = await charge(db, {
            kind: "repair_deposit",
            idem,
            walletId,
            credits: [{ accountId: tillId, amount: s.depositCents }],
            initiatorId: userId,
            memo: `Deposit: ${s.shop.name}`,
            before: writes,
            after: async (tx, transactionId) => {
              await tx.repairBooking.update({ where: { id: b.id }, data: { depositTxId: transactionId } });
            },
          }));
        })()
      : db.$transaction(writes, { timeout: 15_000, maxWait: 15_000 });
  await withSeatRetry(run);

  const booking = await getBooking(db, userId, b.id, now);
  if (isReplay) return booking;
  if (s.depositCents > 0) publish({ type: "wallet.changed", userId });
  await notify(db, [{ userId: s.shop.ownerId, kind: "repairRequest", params: { resident: booking.resident.name, category: b.category, startsAt: b.startsAt.toISOString(), status: "requested" }, ref: b.id, groupKey: `repair:${b.id}` }]);
  publishBooking(b.id, s.shopId, s.shop.ownerId, userId, "requested");
  await publishSlotsChanged(db, s.shopId);
  return booking;
}

// ─── Reading bookings ───────────────────────────────────────────────────────

const bookingInclude = {
  service: { select: { shopId: true, mode: true, cancelCutoffMinutes: true, shop: { select: { name: true, photoId: true, ownerId: true, timeZone: true } } } },
  resident: { select: { name: true } },
  unit: { select: { staircase: true, floor: true, door: true, building: { select: { name: true, address: true, timeZone: true } } } },
  photos: { select: { photoId: true }, orderBy: { position: "asc" } },
} satisfies Prisma.RepairBookingInclude;
type BookingRow = Prisma.RepairBookingGetPayload<{ include: typeof bookingInclude }>;

/** Until when the resident may cancel a confirmed visit (a request not yet answered may be cancelled any time). */
function cancellableUntil(b: { status: string; startsAt: Date; service: { cancelCutoffMinutes: number } }): Date | null {
  if (b.status !== "confirmed") return null;
  return new Date(b.startsAt.getTime() - b.service.cancelCutoffMinutes * MINUTE);
}

function toBooking(b: BookingRow, userId: string): TBooking {
  const side = b.residentId === userId ? "resident" : "repairer";
  return {
    id: b.id,
    side,
    status: b.status as TBookingStatus,
    category: b.category as TRepairCategory,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    mode: b.service.mode as "exact" | "window",
    // The resident reads times in their building's zone, the repairer in the business's.
    timeZone: side === "repairer" ? b.service.shop.timeZone : (b.unit?.building.timeZone ?? b.service.shop.timeZone),
    holdExpiresAt: b.holdExpiresAt,
    repairer: { serviceId: b.service.shopId, name: b.service.shop.name, photoUrl: photoUrl(b.service.shop.photoId) },
    resident: { name: b.resident.name },
    unit: b.unit ? { buildingName: b.unit.building.name, address: b.unit.building.address, staircase: b.unit.staircase, floor: b.unit.floor, door: b.unit.door } : null,
    description: b.description,
    photoUrls: b.photos.map((p) => photoUrl(p.photoId)!),
    vehicle: b.vehiclePlate ? { make: b.vehicleMake ?? "", model: b.vehicleModel ?? "", plate: b.vehiclePlate, location: b.vehicleLocation ?? "" } : null,
    calloutFeeCents: b.calloutFeeCents,
    depositCents: b.depositCents,
    depositRefunded: b.refundTxId !== null,
    proposed: b.proposedStartsAt && b.proposedEndsAt ? { startsAt: b.proposedStartsAt, endsAt: b.proposedEndsAt } : null,
    reason: b.reason,
    cancelledBy: (b.cancelledBy as "resident" | "repairer" | null) ?? null,
    repairerNote: b.repairerNote,
    finalPriceCents: b.finalPriceCents,
    rating: b.rating,
    ratingComment: b.ratingComment,
    cancellableUntil: side === "resident" ? cancellableUntil(b) : null,
    requestedAt: b.requestedAt,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

/** One booking the caller takes part in (as its resident or its repairer). */
export async function getBooking(db: Db, userId: string, id: string, _now = new Date()): Promise<TBooking> {
  const b = await db.repairBooking.findFirst({ where: { id, ...takesPartInBooking(userId), status: { not: "expired" } }, include: bookingInclude });
  if (!b) throw new AppError("NOT_FOUND", "Booking not found");
  return toBooking(b, userId);
}

/** The resident's bookings (not lapsed holds): upcoming first, then the past, newest first. */
export async function myBookings(db: Db, userId: string, now = new Date()): Promise<TBooking[]> {
  const rows = await db.repairBooking.findMany({
    where: { residentId: userId, status: { notIn: ["expired", "held"] } },
    include: bookingInclude,
    orderBy: { startsAt: "desc" },
    take: 100,
  });
  const list = rows.map((b) => toBooking(b, userId));
  const live = (b: TBooking) => ["requested", "confirmed", "in_progress"].includes(b.status) && b.endsAt > now;
  return [...list.filter(live).reverse(), ...list.filter((b) => !live(b))];
}

/** The repairer's agenda: bookings over [from, from + days) in the shop's zone, and the requests to answer. */
export async function agenda(db: Db, ownerId: string, input: { shopId: string; from: string; days: number }, now = new Date()) {
  const s = await db.repairService.findFirst({ where: { shopId: input.shopId, shop: ownsShop(ownerId) }, include: serviceInclude });
  if (!s) throw new AppError("NOT_FOUND", "Shop not found");
  const start = firstInstantFrom(input.from, 0, s.shop.timeZone);
  const end = firstInstantFrom(addDays(input.from, input.days), 0, s.shop.timeZone);
  const [inRange, toAnswer] = await Promise.all([
    db.repairBooking.findMany({
      where: { serviceId: s.shopId, startsAt: { lt: end }, endsAt: { gt: start }, status: { in: ["requested", "confirmed", "in_progress", "done"] } },
      include: bookingInclude,
      orderBy: { startsAt: "asc" },
    }),
    // To answer: requests, and confirmed jobs whose proposed new time the resident has not answered yet.
    db.repairBooking.findMany({
      where: { serviceId: s.shopId, OR: [{ status: "requested" }, { status: "confirmed", proposedStartsAt: { not: null } }] },
      include: bookingInclude,
      orderBy: { startsAt: "asc" },
      take: 50,
    }),
  ]);
  return {
    timeZone: s.shop.timeZone,
    from: input.from,
    days: input.days,
    bookings: inRange.map((b) => toBooking(b, ownerId)),
    toAnswer: toAnswer.map((b) => toBooking(b, ownerId)),
    now,
  };
}

// ─── Moves ──────────────────────────────────────────────────────────────────

type TLoaded = Prisma.RepairBookingGetPayload<{ include: { service: { include: typeof serviceInclude } } }>;

async function loadAs(db: Db, userId: string, id: string, side: "resident" | "repairer"): Promise<TLoaded> {
  const where = side === "resident" ? { id, residentId: userId } : { id, service: { shop: ownsShop(userId) } };
  const b = await db.repairBooking.findFirst({ where: { ...where, status: { notIn: ["held", "expired"] } }, include: { service: { include: serviceInclude } } });
  if (!b) throw new AppError("NOT_FOUND", "Booking not found");
  return b;
}

/** A repairer whose business is not approved (suspended, say) may give back and cancel, not take on work. */
function assertTakesWork(b: TLoaded) {
  if (b.service.shop.status !== "approved") throw new AppError("SHOP_NOT_APPROVED", "This business is not approved");
}

/** Moves a booking from one of `from` to `to` with `data`, in `tx`; BOOKING_STATE if someone moved it first. */
async function move(tx: DbTx, id: string, from: TBookingStatus[], data: Prisma.RepairBookingUpdateManyMutationInput, also: Prisma.RepairBookingWhereInput = {}) {
  const n = await tx.repairBooking.updateMany({ where: { ...also, id, status: { in: from } }, data });
  if (!n.count) throw new AppError("BOOKING_STATE", "This booking has already moved on");
}

/** Gives the deposit back in the caller's transaction flow (once: the refund key is the booking). */
async function refundDeposit(db: Db, b: TLoaded, initiatorId: string, transition: (tx: DbTx) => Promise<void>) {
  if (!b.depositTxId || b.depositCents <= 0) {
    await db.$transaction(transition, { timeout: 15_000, maxWait: 15_000 });
    return;
  }
  const [wallet, till] = await Promise.all([walletOf(db, b.residentId), ensureAccount(db, { shopId: b.serviceId })]);
  const { isReplay } = await refund(db, {
    paymentId: b.depositTxId,
    key: `repair:${b.id}`,
    hash: requestHash({ op: "repairs.refundDeposit", id: b.id }),
    fromAccountId: till.id,
    walletId: wallet.id,
    amount: b.depositCents,
    initiatorId,
    memo: `Deposit refund: ${b.service.shop.name}`,
    before: transition,
    after: async (tx, refundId) => {
      await tx.repairBooking.update({ where: { id: b.id }, data: { refundTxId: refundId } });
    },
  });
  // The refund key is the booking's: a racing decline and cancel refund once, and the one
  // that finds the refund already made has not moved the booking either.
  if (isReplay) throw new AppError("BOOKING_STATE", "This booking has already moved on");
  publish({ type: "wallet.changed", userId: b.residentId });
}

async function announce(db: Db, b: TLoaded, status: TBookingStatus | "proposed" | "proposalRefused" | "rated", to: "resident" | "repairer", extra: Record<string, string> = {}) {
  const who = to === "resident" ? b.residentId : b.service.shop.ownerId;
  if (to === "resident") {
    await notify(db, [{ userId: who, kind: "repairBooking", params: { repairer: b.service.shop.name, category: b.category, startsAt: (extra.startsAt ?? b.startsAt.toISOString()), status }, ref: b.id, groupKey: `repair:${b.id}` }]);
  } else {
    const resident = await db.user.findUnique({ where: { id: b.residentId }, select: { name: true } });
    await notify(db, [{ userId: who, kind: "repairRequest", params: { resident: resident?.name ?? "", category: b.category, startsAt: (extra.startsAt ?? b.startsAt.toISOString()), status }, ref: b.id, groupKey: `repair:${b.id}` }]);
  }
  publishBooking(b.id, b.serviceId, b.service.shop.ownerId, b.residentId, status);
}

/** The repairer accepts a request. */
export async function confirm(db: Db, ownerId: string, id: string, now = new Date()) {
  const b = await loadAs(db, ownerId, id, "repairer");
  assertTakesWork(b);
  await db.$transaction((tx) => move(tx, b.id, ["requested"], { status: "confirmed", decidedAt: now }));
  await announce(db, b, "confirmed", "resident");
  return getBooking(db, ownerId, id);
}

/** The repairer turns a request down (reason shown to the resident); the deposit goes back and the time is freed. */
export async function decline(db: Db, ownerId: string, id: string, reason: string, now = new Date()) {
  const b = await loadAs(db, ownerId, id, "repairer");
  await refundDeposit(db, b, ownerId, async (tx) => {
    await move(tx, b.id, ["requested"], { status: "declined", reason: reason || null, decidedAt: now, proposedStartsAt: null, proposedEndsAt: null });
    await releaseClaims(tx, b.id);
  });
  await announce(db, b, "declined", "resident");
  await publishSlotsChanged(db, b.serviceId);
  return getBooking(db, ownerId, id);
}

/**
 * Requests whose time has come with no answer from the repairer are declined on their behalf:
 * the deposit goes back and the resident is told (run by the scheduled job, one instance at a
 * time; each booking moves once, whoever else races it). Returns how many were declined.
 */
export async function declineUnanswered(db: Db, now = new Date(), limit = 100): Promise<number> {
  const due = await db.repairBooking.findMany({
    where: { status: "requested", startsAt: { lte: now } },
    include: { service: { include: serviceInclude } },
    orderBy: { startsAt: "asc" },
    take: limit,
  });
  let declined = 0;
  for (const b of due) {
    try {
      await refundDeposit(db, b, b.service.shop.ownerId, async (tx) => {
        await move(tx, b.id, ["requested"], { status: "declined", reason: null, decidedAt: now, proposedStartsAt: null, proposedEndsAt: null });
        await releaseClaims(tx, b.id);
      });
    } catch (e) {
      if (e instanceof AppError && e.code === "BOOKING_STATE") continue; // answered or cancelled meanwhile
      throw e;
    }
    declined++;
    await announce(db, b, "declined", "resident");
    await announce(db, b, "declined", "repairer");
    await publishSlotsChanged(db, b.serviceId);
  }
  return declined;
}

/**
 * Cancels a booking. The resident may until the repairer's cut-off before the start (after
 * it, CANCEL_TOO_LATE with the time it closed); the repairer may while it has not started.
 * The deposit goes back in both cases and the time is freed.
 */
export async function cancel(db: Db, userId: string, id: string, side: "resident" | "repairer", reason: string, now = new Date()) {
  const b = await loadAs(db, userId, id, side);
  if (side === "resident") {
    const until = new Date(b.startsAt.getTime() - b.service.cancelCutoffMinutes * MINUTE);
    if (b.status === "confirmed" && now > until) {
      throw new AppError("CANCEL_TOO_LATE", "It is too late to cancel", { until: until.toISOString(), hours: Math.round((b.service.cancelCutoffMinutes / 60) * 10) / 10 });
    }
  }
  await refundDeposit(db, b, userId, async (tx) => {
    await move(tx, b.id, ["requested", "confirmed"], { status: "cancelled", cancelledBy: side, reason: reason || null, proposedStartsAt: null, proposedEndsAt: null });
    await releaseClaims(tx, b.id);
  });
  await announce(db, b, "cancelled", side === "resident" ? "repairer" : "resident");
  await publishSlotsChanged(db, b.serviceId);
  return getBooking(db, userId, id);
}

/** The repairer proposes another start: its time is claimed now, so it cannot be taken while the resident decides. */
export async function propose(db: Db, ownerId: string, id: string, startsAt: Date, now = new Date()) {
  const b = await loadAs(db, ownerId, id, "repairer");
  assertTakesWork(b);
  const s = b.service;
  const duration = Math.round((b.endsAt.getTime() - b.startsAt.getTime()) / MINUTE);
  await withSeatRetry(() =>
    db.$transaction(
      async (tx) => {
        await releaseLapsed(tx, s.shopId, now);
        // Lock the booking first (the previous proposal is withdrawn; this one replaces it),
        // then read it as it is now: the resident may have just accepted an earlier proposal.
        await move(tx, b.id, ["requested", "confirmed"], { proposedStartsAt: null, proposedEndsAt: null });
        const cur = await tx.repairBooking.findUniqueOrThrow({ where: { id: b.id }, select: { status: true, startsAt: true, endsAt: true } });
        // A new proposal replaces the previous one: keep only the current slot's claims.
        const current = s.mode === "window" ? [cur.startsAt] : cellsOf(cur.startsAt, cur.endsAt, s.bufferMinutes);
        await releaseClaims(tx, b.id, current);
        // Its own current slot does not stand in the way (a job moved by half an hour).
        const busy = await busyOf(tx, s.shopId, now, b.id);
        // The repairer's own proposal skips the minimum notice meant for residents.
        const fitLength = engineLength(s, b.category, duration);
        if (!fitLength) throw slotRefusal("bad-duration");
        if (s.mode === "window" && startsAt.getTime() === cur.startsAt.getTime()) throw slotRefusal("not-a-slot");
        const fit = slotFits({ ...slotInput(s, busy, s.shop.timeZone), minNoticeMinutes: 0, durationMinutes: fitLength }, startsAt, fitLength, now);
        if (!fit.ok) throw slotRefusal(fit.reason);
        await claim(tx, s.shopId, b.id, fit.offer.startsAt, fit.offer.endsAt, shapeOf(s), s.mode === "window" ? [] : current);
        await move(tx, b.id, ["requested", "confirmed"], { proposedStartsAt: fit.offer.startsAt, proposedEndsAt: fit.offer.endsAt }, { startsAt: cur.startsAt });
      },
      { timeout: 15_000, maxWait: 15_000 },
    ),
  );
  const moved = await loadAs(db, ownerId, id, "repairer");
  await announce(db, moved, "proposed", "resident", { startsAt: moved.proposedStartsAt!.toISOString() });
  await publishSlotsChanged(db, s.shopId);
  return getBooking(db, ownerId, id);
}

/** The resident takes the proposed slot (the booking moves there, confirmed) or keeps the original one. */
export async function answerProposal(db: Db, userId: string, id: string, accept: boolean, now = new Date()) {
  const b = await loadAs(db, userId, id, "resident");
  if (!b.proposedStartsAt || !b.proposedEndsAt) throw new AppError("BOOKING_STATE", "There is no proposal to answer");
  const s = b.service;
  const window = s.mode === "window";
  await db.$transaction(async (tx) => {
    const kept = accept ? { start: b.proposedStartsAt!, end: b.proposedEndsAt! } : { start: b.startsAt, end: b.endsAt };
    await move(
      tx,
      b.id,
      ["requested", "confirmed"],
      accept
        ? { startsAt: kept.start, endsAt: kept.end, proposedStartsAt: null, proposedEndsAt: null, status: "confirmed", decidedAt: now }
        : { proposedStartsAt: null, proposedEndsAt: null },
      // The answer is to the proposal the resident saw: a new one (or another tab's answer)
      // in between makes it BOOKING_STATE, so the claims below match the booking's time.
      { startsAt: b.startsAt, proposedStartsAt: b.proposedStartsAt },
    );
    const keep = window ? [kept.start] : cellsOf(kept.start, kept.end, s.bufferMinutes);
    if (window) {
      // Each window claim is one row at the window's start: keep the row of the kept window.
      await tx.repairSlotClaim.deleteMany({ where: { bookingId: b.id, cellAt: { not: kept.start } } });
    } else {
      await releaseClaims(tx, b.id, keep);
    }
  });
  await announce(db, b, accept ? "confirmed" : "proposalRefused", "repairer", accept ? { startsAt: b.proposedStartsAt.toISOString() } : {});
  await publishSlotsChanged(db, s.shopId);
  return getBooking(db, userId, id);
}

/** The repairer arrives (from an hour before the start). */
export async function start(db: Db, ownerId: string, id: string, now = new Date()) {
  const b = await loadAs(db, ownerId, id, "repairer");
  assertTakesWork(b);
  if (now.getTime() < b.startsAt.getTime() - 60 * MINUTE) throw new AppError("BOOKING_STATE", "This job cannot start yet");
  const current = b.service.mode === "window" ? [b.startsAt] : cellsOf(b.startsAt, b.endsAt, b.service.bufferMinutes);
  await db.$transaction(async (tx) => {
    // A proposal still unanswered lapses when the job starts at its current time.
    await move(tx, b.id, ["confirmed"], { status: "in_progress", startedAt: now, proposedStartsAt: null, proposedEndsAt: null });
    if (b.proposedStartsAt) await releaseClaims(tx, b.id, current);
  });
  await announce(db, b, "in_progress", "resident");
  return getBooking(db, ownerId, id);
}

/** The job is done: the repairer's note and the final price (the deposit counts toward it). */
export async function complete(db: Db, ownerId: string, input: { id: string; note: string; finalPriceCents: number }, now = new Date()) {
  const b = await loadAs(db, ownerId, input.id, "repairer");
  if (b.depositCents > 0 && input.finalPriceCents < b.depositCents) {
    throw new AppError("PRICE_BELOW_DEPOSIT", "The final price cannot be less than the deposit already paid", { deposit: b.depositCents });
  }
  await db.$transaction(async (tx) => {
    await move(tx, b.id, ["in_progress"], { status: "done", doneAt: now, repairerNote: input.note, finalPriceCents: input.finalPriceCents });
    // A job done early gives back the rest of its time (and its buffer) to other residents.
    await tx.repairSlotClaim.deleteMany({ where: { bookingId: b.id, cellAt: { gte: now } } });
  });
  await announce(db, b, "done", "resident");
  return getBooking(db, ownerId, input.id);
}

/** The resident rates a completed job, once. */
export async function rate(db: Db, userId: string, input: { id: string; rating: number; comment: string }, now = new Date()) {
  const b = await loadAs(db, userId, input.id, "resident");
  if (b.status !== "done") throw new AppError("BOOKING_STATE", "Only a completed job can be rated");
  const n = await db.repairBooking.updateMany({ where: { id: b.id, status: "done", rating: null }, data: { rating: input.rating, ratingComment: input.comment || null, ratedAt: now } });
  if (!n.count) throw new AppError("ALREADY_RATED", "You have already rated this job");
  await announce(db, b, "rated", "repairer");
  return getBooking(db, userId, input.id);
}

// ─── Events ─────────────────────────────────────────────────────────────────

function publishBooking(bookingId: string, serviceId: string, ownerId: string, residentId: string, status: TBookingStatus | "proposed" | "proposalRefused" | "rated") {
  publish({ type: "repair.changed", bookingId, serviceId, ownerId, residentId, status });
}

/** Slots of this repairer changed: residents of the buildings it serves refetch their lists. */
async function publishSlotsChanged(db: Db, serviceId: string) {
  const buildings = await db.shopBuilding.findMany({ where: { shopId: serviceId }, select: { buildingId: true } });
  publish({ type: "repair.slots", serviceId, buildingIds: buildings.map((b) => b.buildingId) });
}

export { ACTIVE_STATUSES };
