// The resident's home (issue 15): what needs the signed-in person now, in one read. Every
// section comes from its own domain service (bills, orders, repairs, notices, chat, wallet,
// parking, buildings), which scopes it to the caller; this file only picks, orders and bounds.
// The sections are read side by side, and one that fails is answered as null (logged) so
// that the page shows that section's error while the others still show.
import { z } from "zod";
import { env } from "../../env";
import { myBills } from "../bills/service";
import { ZBillKind } from "../bills/schema";
import { myMemberships } from "../buildings/service";
import { ZMembershipStatus, ZUnitLabel } from "../buildings/schema";
import { unreadTotals } from "../chat/service";
import type { Db } from "../db";
import { log } from "../log";
import { pendingUrgent, unseenCount } from "../notices/service";
import { ZNoticeCategory } from "../notices/schema";
import { myOrders } from "../orders/service";
import { ZOrderStatus } from "../orders/status";
import { nearby } from "../parking/service";
import { ZParkingPlace } from "../parking/schema";
import { myBookings } from "../repairs/service";
import { ZBookingStatus, ZRepairCategory } from "../repairs/schema";
import { getWallet } from "../wallet/service";

/** How many of each list the home shows; the counts and totals cover them all. */
export const HOME_LIMITS = { bills: 3, orders: 3, urgent: 5, parking: 3 } as const;
/** The parking glance looks this far from home. */
export const PARKING_RADIUS_M = 1_500;
/** Orders that are still coming: not delivered, rejected or cancelled. */
const ON_THE_WAY = new Set(["placed", "accepted", "out_for_delivery"]);
/** Repair bookings that are a visit to come (a request not yet answered included, with its status). */
const VISIT = new Set(["requested", "confirmed", "in_progress"]);

export const ZResidentHome = z.object({
  /** Every membership that is not left: active homes, requests waiting, rejections to dismiss. */
  memberships: z.array(
    z.object({
      id: z.string(),
      status: ZMembershipStatus,
      building: z.object({ id: z.string(), name: z.string() }),
      unit: ZUnitLabel.extend({ id: z.string() }),
    }),
  ),
  /** Unpaid bills of every unit the caller lives in: overdue first, then by due date. */
  bills: z
    .object({
      count: z.number().int(),
      total: z.number().int(),
      overdueCount: z.number().int(),
      overdueTotal: z.number().int(),
      currency: z.string(),
      items: z.array(
        z.object({
          id: z.string(),
          kind: ZBillKind,
          reference: z.string(),
          periodStart: z.date(),
          dueDate: z.date(),
          amount: z.number().int(),
          currency: z.string(),
          isOverdue: z.boolean(),
        }),
      ),
    })
    .nullable(),
  /** Orders still on their way, soonest delivery first. */
  orders: z
    .object({
      count: z.number().int(),
      items: z.array(
        z.object({
          id: z.string(),
          number: z.number().int(),
          shop: z.object({ id: z.string(), name: z.string() }),
          status: ZOrderStatus,
          deliveryDate: z.date(),
          windowStarts: z.string(),
          windowEnds: z.string(),
        }),
      ),
    })
    .nullable(),
  /** The next repair visit (requested, confirmed or under way), or none. */
  repair: z
    .object({
      next: z
        .object({
          id: z.string(),
          status: ZBookingStatus,
          category: ZRepairCategory,
          startsAt: z.date(),
          endsAt: z.date(),
          mode: z.enum(["exact", "window"]),
          timeZone: z.string(),
          repairerName: z.string(),
        })
        .nullable(),
    })
    .nullable(),
  notices: z
    .object({
      /** Urgent notices still to acknowledge, newest first. */
      urgent: z.array(z.object({ id: z.string(), title: z.string(), category: ZNoticeCategory })),
      /** Current notices not opened yet. */
      unreadCount: z.number().int(),
    })
    .nullable(),
  messages: z.object({ unread: z.number().int() }).nullable(),
  wallet: z.object({ balance: z.number().int(), currency: z.string() }).nullable(),
  /** Open places with free spaces near the first active home (stale counts are unknown, so never listed). */
  parking: z
    .object({
      homeName: z.string(),
      radiusM: z.number().int(),
      staleAfterMinutes: z.number().int(),
      places: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          distanceM: z.number().int(),
          freeSpaces: z.number().int(),
          capacity: z.number().int(),
          availability: ZParkingPlace.shape.availability,
          observedAt: z.date().nullable(),
        }),
      ),
    })
    .nullable(),
});
export type TResidentHome = z.infer<typeof ZResidentHome>;

/** A section's value, or null when it could not be read (the rest of the home still shows). */
async function section<T>(name: string, userId: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    log.error({ err, section: name, userId }, "home: a section failed");
    return null;
  }
}

export async function residentHome(db: Db, userId: string, now = new Date()): Promise<TResidentHome> {
  const memberships = await myMemberships(db, userId);
  const active = memberships.filter((m) => m.status === "active");
  const home = active[0];

  const [bills, orders, repair, notices, messages, wallet, parking] = await Promise.all([
    section("bills", userId, async () => {
      // Already ordered by due date, so the overdue ones (due before today) come first.
      const due = await myBills(db, userId, { status: "due" }, now);
      const overdue = due.filter((b) => b.isOverdue);
      return {
        count: due.length,
        total: due.reduce((s, b) => s + b.amount, 0),
        overdueCount: overdue.length,
        overdueTotal: overdue.reduce((s, b) => s + b.amount, 0),
        currency: due[0]?.currency ?? env().CURRENCY,
        items: due.slice(0, HOME_LIMITS.bills).map((b) => ({
          id: b.id,
          kind: b.kind,
          reference: b.reference,
          periodStart: b.periodStart,
          dueDate: b.dueDate,
          amount: b.amount,
          currency: b.currency,
          isOverdue: b.isOverdue,
        })),
      };
    }),
    section("orders", userId, async () => {
      const coming = (await myOrders(db, userId))
        .filter((o) => ON_THE_WAY.has(o.status))
        .sort((a, b) => a.deliveryDate.getTime() - b.deliveryDate.getTime() || a.windowStarts.localeCompare(b.windowStarts) || a.number - b.number);
      return {
        count: coming.length,
        items: coming.slice(0, HOME_LIMITS.orders).map((o) => ({
          id: o.id,
          number: o.number,
          shop: o.shop,
          status: o.status,
          deliveryDate: o.deliveryDate,
          windowStarts: o.windowStarts,
          windowEnds: o.windowEnds,
        })),
      };
    }),
    section("repair", userId, async () => {
      // myBookings lists the visits to come first, soonest first.
      const b = (await myBookings(db, userId, now)).find((x) => VISIT.has(x.status) && x.endsAt > now);
      return {
        next: b
          ? { id: b.id, status: b.status, category: b.category, startsAt: b.startsAt, endsAt: b.endsAt, mode: b.mode, timeZone: b.timeZone, repairerName: b.repairer.name }
          : null,
      };
    }),
    section("notices", userId, async () => {
      const [urgent, unreadCount] = await Promise.all([pendingUrgent(db, userId, now), unseenCount(db, userId, now)]);
      return { urgent: urgent.slice(0, HOME_LIMITS.urgent).map((n) => ({ id: n.id, title: n.title, category: n.category })), unreadCount };
    }),
    section("messages", userId, async () => ({ unread: (await unreadTotals(db, userId)).total })),
    section("wallet", userId, async () => {
      const w = await getWallet(db, userId);
      return { balance: w.balance, currency: w.currency };
    }),
    section("parking", userId, async () => {
      if (!home) return { homeName: "", radiusM: PARKING_RADIUS_M, staleAfterMinutes: 0, places: [] };
      const found = await nearby(
        db,
        userId,
        {
          near: { latitude: home.building.latitude, longitude: home.building.longitude },
          radiusM: PARKING_RADIUS_M,
          limit: HOME_LIMITS.parking,
          filters: { openNow: true, hasFreeSpaces: true, evCharging: false, accessible: false },
        },
        now,
      );
      return {
        homeName: home.building.name,
        radiusM: found.radiusM,
        staleAfterMinutes: found.staleAfterMinutes,
        // hasFreeSpaces keeps only fresh counts above zero: a stale count is unknown, never shown.
        places: found.places.flatMap((p) =>
          p.freeSpaces !== null && !p.isStale ? [{ id: p.id, name: p.name, distanceM: p.distanceM, freeSpaces: p.freeSpaces, capacity: p.capacity, availability: p.availability, observedAt: p.observedAt }] : [],
        ),
      };
    }),
  ]);

  return {
    memberships: memberships.map((m) => ({
      id: m.id,
      status: m.status,
      building: { id: m.building.id, name: m.building.name },
      unit: { id: m.unit.id, staircase: m.unit.staircase, floor: m.unit.floor, door: m.unit.door },
    })),
    bills,
    orders,
    repair,
    notices,
    messages,
    wallet,
    parking,
  };
}
