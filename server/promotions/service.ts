// Merchant promotions (issue 14): a resident opts in per shop; the shop's owner sends a short
// promotion to the residents who opted in and still live in a building the shop delivers to.
// Each resident receives at most PROMO_CAP promotions per shop per calendar month (the shop's
// time zone); those over the cap are skipped and counted, never queued for later.
//
// The cap is the database's: a PromoDelivery row takes the next place (seq) of the month and
// the unique key (shop, user, month, seq) refuses a second row in the same place, so two
// sends racing for a resident's last place cannot both have it; the service never writes a
// seq above the cap. Every query carries its server/access fragment.
import type { Db } from "../db";
import { AppError } from "../errors";
import { deliversTo, ownedShop, stillServedBy } from "../access";
import { isUniqueViolation } from "../lib/db-errors";
import { consume, rateLimiter } from "../lib/rate-limit";
import { zoned } from "../lib/zoned";
import { notify } from "../notifications/service";
import { PROMO_CAP, type TOptIn, type TPromotion, type TPromotionInput, type TReach } from "./schema";

/** Sends per shop per hour: the cap protects residents; this keeps a shop from filling the history. */
export const SENDS_PER_HOUR = 30;
const HISTORY_LIMIT = 50;

/** The calendar month ("2026-12") of `now` in `timeZone`. */
export const monthOf = (now: Date, timeZone: string) => zoned(now, timeZone).date.slice(0, 7);

// ─── Residents ──────────────────────────────────────────────────────────────

/** Opts in to an approved shop that delivers to a building the caller lives in (NOT_FOUND otherwise). Idempotent. */
export async function optIn(db: Db, userId: string, shopId: string): Promise<{ shopId: string; isOptedIn: boolean }> {
  const shop = await db.shop.findFirst({ where: { id: shopId, ...deliversTo(userId) }, select: { id: true, ownerId: true } });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  if (shop.ownerId === userId) throw new AppError("PROMO_OWN_SHOP", "You cannot get your own shop's offers");
  try {
    await db.promoOptIn.create({ data: { shopId, userId } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  return { shopId, isOptedIn: true };
}

/**
 * Opts out. Deleting one's own opt-in always works (also once the shop no longer delivers to
 * the caller); without one, a shop the caller may not see is NOT_FOUND. Idempotent.
 */
export async function optOut(db: Db, userId: string, shopId: string): Promise<{ shopId: string; isOptedIn: boolean }> {
  const { count } = await db.promoOptIn.deleteMany({ where: { shopId, userId } });
  if (count === 0) {
    const shop = await db.shop.findFirst({ where: { id: shopId, ...deliversTo(userId) }, select: { id: true } });
    if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  }
  return { shopId, isOptedIn: false };
}

/** The shops the caller gets offers from, newest first, each saying whether it still reaches them. */
export async function listOptIns(db: Db, userId: string): Promise<TOptIn[]> {
  const rows = await db.promoOptIn.findMany({
    where: { userId },
    select: { shopId: true, createdAt: true, shop: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { shopId: "asc" }],
  });
  const reaching = new Set(
    (await db.shop.findMany({ where: { id: { in: rows.map((r) => r.shopId) }, ...deliversTo(userId) }, select: { id: true } })).map((s) => s.id),
  );
  return rows.map((r) => ({ shopId: r.shopId, shopName: r.shop.name, since: r.createdAt, isReaching: reaching.has(r.shopId) }));
}

// ─── The shop's owner ───────────────────────────────────────────────────────

/** The caller's approved shop (someone else's is NOT_FOUND; one not approved yet, SHOP_NOT_APPROVED). */
async function sellingShop(db: Db, userId: string, shopId: string) {
  const shop = await ownedShop(db, userId, shopId);
  if (shop.status !== "approved") throw new AppError("SHOP_NOT_APPROVED", "The shop is not approved");
  return shop;
}

/** Opted-in residents who still live in a building the shop delivers to (never its owner). */
async function recipientsOf(db: Db, shop: { id: string; ownerId: string }): Promise<string[]> {
  const rows = await db.promoOptIn.findMany({
    where: { shopId: shop.id, userId: { not: shop.ownerId }, ...stillServedBy(shop.id) },
    select: { userId: true },
    orderBy: { userId: "asc" },
  });
  return rows.map((r) => r.userId);
}

/** How many promotions of the shop each resident has had this month (one query; absent = 0). */
async function monthCounts(db: Db, shopId: string, month: string): Promise<Map<string, number>> {
  const rows = await db.promoDelivery.groupBy({ by: ["userId"], where: { shopId, month }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.userId, r._count._all]));
}

/** What a promotion sent now would reach: opted-in residents, how many receive it, how many are at the cap. */
export async function reach(db: Db, userId: string, shopId: string, now = new Date()): Promise<TReach> {
  const shop = await sellingShop(db, userId, shopId);
  const month = monthOf(now, shop.timeZone);
  const [recipients, counts] = await Promise.all([recipientsOf(db, shop), monthCounts(db, shop.id, month)]);
  const atCap = recipients.filter((u) => (counts.get(u) ?? 0) >= PROMO_CAP).length;
  return { month, optedIn: recipients.length, willReceive: recipients.length - atCap, atCap };
}

function sendLimiter() {
  return rateLimiter("promo:send", () => ({ points: SENDS_PER_HOUR, durationSeconds: 3600 }));
}

/**
 * Sends a promotion: one Promotion row, then the deliveries, decided by the database. The
 * month's counts of every recipient are read in one query and the deliveries written in one
 * statement, each at its next place (count + 1); residents at the cap are skipped. If a
 * racing send took a place meanwhile, the unique key refuses the batch and each recipient is
 * written on its own at its first free place, or skipped when none is left. Then the
 * delivered residents are notified in one batch and the counts stored.
 */
export async function send(db: Db, userId: string, input: TPromotionInput, now = new Date()): Promise<TPromotion> {
  const shop = await sellingShop(db, userId, input.shopId);
  await consume(await sendLimiter(), shop.id, (seconds) => `Too many promotions, wait ${seconds} s`);
  const month = monthOf(now, shop.timeZone);
  const recipients = await recipientsOf(db, shop);
  const promotion = await db.promotion.create({ data: { shopId: shop.id, authorId: userId, title: input.title, body: input.body, createdAt: now } });
  const counts = await monthCounts(db, shop.id, month);
  const planned = recipients
    .map((u) => ({ promotionId: promotion.id, userId: u, shopId: shop.id, month, seq: (counts.get(u) ?? 0) + 1, createdAt: now }))
    .filter((d) => d.seq <= PROMO_CAP);
  let delivered: string[] = [];
  try {
    if (planned.length) await db.promoDelivery.createMany({ data: planned });
    delivered = planned.map((d) => d.userId);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    for (const d of planned) if (await deliverOne(db, { promotionId: promotion.id, userId: d.userId, shopId: shop.id, month, createdAt: now })) delivered.push(d.userId);
  }
  await notify(
    db,
    delivered.map((u) => ({ userId: u, kind: "promotion" as const, params: { shop: shop.name, title: input.title, body: input.body }, ref: shop.id })),
  );
  const done = await db.promotion.update({
    where: { id: promotion.id },
    data: { sentCount: delivered.length, skipped: recipients.length - delivered.length },
  });
  return toView(done);
}

/**
 * One resident's delivery after the batch lost a race: the first free place of the month
 * (1..PROMO_CAP), retried while racing sends take places; false when none is left. Also
 * true when this promotion already reached them (a batch that wrote part of its rows).
 */
async function deliverOne(db: Db, d: { promotionId: string; userId: string; shopId: string; month: string; createdAt: Date }): Promise<boolean> {
  // Each refusal means another row took a place, so this ends after at most PROMO_CAP + 1 rounds.
  for (let round = 0; round <= PROMO_CAP + 1; round++) {
    const rows = await db.promoDelivery.findMany({ where: { shopId: d.shopId, userId: d.userId, month: d.month }, select: { seq: true, promotionId: true } });
    if (rows.some((r) => r.promotionId === d.promotionId)) return true;
    const taken = new Set(rows.map((r) => r.seq));
    const seq = Array.from({ length: PROMO_CAP }, (_, i) => i + 1).find((s) => !taken.has(s));
    if (seq === undefined) return false;
    try {
      await db.promoDelivery.create({ data: { ...d, seq } });
      return true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new AppError("INTERNAL", "Promotion delivery kept losing races");
}

/** The shop's past promotions, newest first, with their counts. */
export async function list(db: Db, userId: string, shopId: string): Promise<TPromotion[]> {
  const shop = await ownedShop(db, userId, shopId);
  const rows = await db.promotion.findMany({ where: { shopId: shop.id, shop: { ownerId: userId } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: HISTORY_LIMIT });
  return rows.map(toView);
}

function toView(p: { id: string; title: string; body: string; sentCount: number; skipped: number; createdAt: Date }): TPromotion {
  return { id: p.id, title: p.title, body: p.body, sentCount: p.sentCount, skipped: p.skipped, createdAt: p.createdAt };
}
