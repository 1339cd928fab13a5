// The merchant's, manager's and admin's homes (issue 15): "what needs me now", read from the
// domain services (orders' board, repairs' agenda, chat's unread counters, the ledger,
// buildings' requests, bills' summary, notices' report, common repairs, shop approvals,
// chat reports, parking feeds), each already scoped by server/access to what the caller
// runs. Read-only; every part is bounded and the parts run side by side.
import { env } from "../../env";
import type { Db } from "../db";
import { listManagedBuildings, listRequests } from "../buildings/service";
import { buildingSummary } from "../bills/service";
import { unreadTotals } from "../chat/conversations";
import { listReports } from "../chat/moderation";
import { takings } from "../ledger/ledger";
import { addDays, firstInstantFrom, zoned } from "../lib/zoned";
import { urgentAcknowledgements } from "../notices/service";
import { board } from "../orders/service";
import { staleFeeds } from "../parking/feed";
import { staleAfterMinutes } from "../parking/service";
import { listForManager as commonRepairsOf } from "../repairs/common";
import { UNFINISHED_STATUSES } from "../repairs/common-schema";
import { agenda } from "../repairs/service";
import { listForReview, myShops } from "../shops/service";
import type { TManagerHomeBuilding, TMerchantHomeShop } from "./staff-schema";

/** How many of each list a home shows (the counts are always complete). */
const FEW = 3;
/** A home covers this many shops or buildings; beyond, it says how many more and links to the list. */
const MAX_PLACES = 12;

// ─── Merchant ───────────────────────────────────────────────────────────────

type TMyShop = Awaited<ReturnType<typeof myShops>>[number];

async function shopHome(db: Db, ownerId: string, shop: TMyShop, now: Date): Promise<TMerchantHomeShop> {
  const today = zoned(now, shop.timeZone).date;
  const isOpenShop = shop.status === "approved" && shop.kind === "shop";
  const isOpenRepairer = shop.status === "approved" && shop.kind === "repairer";
  const [orders, till, repairs] = await Promise.all([
    isOpenShop ? board(db, ownerId, shop.id, now) : [],
    takings(db, shop.id, firstInstantFrom(today, 0, shop.timeZone), firstInstantFrom(addDays(today, 1), 0, shop.timeZone)),
    isOpenRepairer ? agenda(db, ownerId, { shopId: shop.id, from: today, days: 1 }, now) : null,
  ]);
  const waiting = orders.filter((o) => o.status === "placed").sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const windows = new Map<string, TMerchantHomeShop["deliveries"][number]>();
  for (const o of orders) {
    if (o.deliveryDate.toISOString().slice(0, 10) !== today || o.status === "rejected" || o.status === "canceled") continue;
    const key = `${o.windowStarts}–${o.windowEnds}`;
    const w = windows.get(key) ?? { starts: o.windowStarts, ends: o.windowEnds, orders: 0, toAccept: 0, delivered: 0, total: 0 };
    w.orders += 1;
    w.total += o.total;
    if (o.status === "placed") w.toAccept += 1;
    if (o.status === "delivered") w.delivered += 1;
    windows.set(key, w);
  }
  const requests = (repairs?.toAnswer ?? []).filter((b) => b.status === "requested");
  return {
    id: shop.id,
    name: shop.name,
    kind: shop.kind,
    status: shop.status,
    timeZone: shop.timeZone,
    currency: env().CURRENCY,
    today,
    waitingOrders: {
      count: waiting.length,
      items: waiting.slice(0, FEW).map((o) => ({ id: o.id, number: o.number, customerName: o.customerName, total: o.total, createdAt: o.createdAt })),
    },
    deliveries: [...windows.values()].sort((a, b) => a.starts.localeCompare(b.starts) || a.ends.localeCompare(b.ends)),
    takings: till,
    repairRequests: {
      count: requests.length,
      items: requests
        .map((b) => ({ id: b.id, residentName: b.resident.name, category: b.category, startsAt: b.startsAt, requestedAt: b.requestedAt ?? b.createdAt }))
        .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime())
        .slice(0, FEW),
    },
  };
}

/** The merchant's shops and repair services (their own only: ownsShop in every query underneath). */
export async function merchantHome(db: Db, userId: string, now = new Date()) {
  const [shops, unread] = await Promise.all([myShops(db, userId), unreadTotals(db, userId)]);
  const shown = shops.slice(0, MAX_PLACES);
  return { unreadMessages: unread.merchant, shops: await Promise.all(shown.map((s) => shopHome(db, userId, s, now))), moreShops: shops.length - shown.length };
}

// ─── Manager ────────────────────────────────────────────────────────────────

async function buildingHome(db: Db, userId: string, b: { id: string; name: string; pendingCount: number }, now: Date): Promise<TManagerHomeBuilding> {
  const [requests, bills, notices, repairs] = await Promise.all([
    b.pendingCount > 0 ? listRequests(db, userId, b.id) : [],
    buildingSummary(db, userId, b.id, now),
    urgentAcknowledgements(db, userId, b.id, now),
    commonRepairsOf(db, userId, b.id),
  ]);
  const inArrears = bills.arrears.filter((a) => a.overdueCount > 0);
  const open = repairs.filter((r) => (UNFINISHED_STATUSES as readonly string[]).includes(r.status)).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
  return {
    id: b.id,
    name: b.name,
    requests: { count: requests.length, items: requests.slice(0, FEW).map((r) => ({ id: r.id, name: r.user.name, unit: { staircase: r.unit.staircase, floor: r.unit.floor, door: r.unit.door }, createdAt: r.createdAt })) },
    arrears: { units: inArrears.length, overdue: inArrears.reduce((s, a) => s + a.overdue, 0), currency: bills.currency },
    urgentNotices: notices,
    commonRepairs: {
      count: open.length,
      items: open.slice(0, FEW).map((r) => ({ id: r.id, title: r.title, status: r.status, staircase: r.staircase, supporters: r.supporters, createdAt: r.createdAt })),
    },
  };
}

/** Per building the caller manages (managesBuilding in every query underneath). */
export async function managerHome(db: Db, userId: string, now = new Date()) {
  const buildings = await listManagedBuildings(db, userId);
  const shown = buildings.slice(0, MAX_PLACES);
  return { buildings: await Promise.all(shown.map((b) => buildingHome(db, userId, b, now))), moreBuildings: buildings.length - shown.length };
}

// ─── Admin ──────────────────────────────────────────────────────────────────

/** The moderation list's own bound (listReports takes at most this many). */
const REPORTS_LISTED = 200;

export async function adminHome(db: Db, now = new Date()) {
  const minutes = staleAfterMinutes();
  const [pending, reports, feeds] = await Promise.all([listForReview(db, "pending"), listReports(db, "open"), staleFeeds(db, minutes, now)]);
  const waiting = (kind: "shop" | "repairer") => {
    const list = pending.filter((s) => s.kind === kind);
    return { count: list.length, items: list.slice(0, FEW).map((s) => ({ id: s.id, name: s.name, ownerName: s.owner.name, createdAt: s.createdAt })) };
  };
  const oldestFirst = [...reports].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return {
    shops: waiting("shop"),
    repairers: waiting("repairer"),
    reports: {
      count: reports.length,
      isMore: reports.length >= REPORTS_LISTED,
      items: oldestFirst.slice(0, FEW).map((r) => ({ id: r.id, reason: r.reason, shopName: r.shop.name, createdAt: r.createdAt })),
    },
    staleFeeds: { staleAfterMinutes: minutes, operators: feeds },
  };
}
