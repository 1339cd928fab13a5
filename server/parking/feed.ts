// Occupancy in from operators' sensors: POST /api/parking/occupancy with a per-operator key
// (server/http/parking-feed.ts is its HTTP face). A batch is checked item by item: each
// bad item is refused with its index and reason, the good ones are applied through
// applyObservations() (so an older or replayed observation changes nothing), and a place
// that is not the key's operator's is refused exactly like one that does not exist.
// Keys: `qpk_<8 hex>_<32 hex>`, shown once, stored as SHA-256, revocable.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { isUniqueViolation } from "../lib/db-errors";
import { staleAfterMinutes, applyObservations } from "./service";

/** Items per batch, and how far ahead of our clock an observation may be (sensor clocks drift). */
export const MAX_FEED_ITEMS = 1_000;
const CLOCK_SKEW_MS = 60_000;
/** A key's lastUsedAt is written at most this often. */
const LAST_USED_EVERY_MS = 60_000;

const hash = (key: string) => createHash("sha256").update(key).digest("hex");

export function newKey() {
  const prefix = randomBytes(4).toString("hex");
  const key = `qpk_${prefix}_${randomBytes(16).toString("hex")}`;
  return { key, prefix, keyHash: hash(key) };
}

/** The operator a bearer key speaks for, or null (unknown, malformed or revoked). */
export async function operatorOfKey(db: Db, key: string | null, now = new Date()): Promise<{ keyId: string; operatorId: string } | null> {
  if (!key || !/^qpk_[0-9a-f]{8}_[0-9a-f]{32}$/.test(key)) return null;
  const row = await db.parkingApiKey.findUnique({ where: { keyHash: hash(key) }, select: { id: true, operatorId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  // "Last used" is for admins to spot a dead or leaked key: to the minute is enough, and a
  // write per batch (several a second from a busy feed) is not. Conditional, so that
  // instances racing on the same key write it once.
  const due = new Date(now.getTime() - LAST_USED_EVERY_MS);
  if (!row.lastUsedAt || row.lastUsedAt < due) {
    await db.parkingApiKey.updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: due } }] }, data: { lastUsedAt: now } });
  }
  return { keyId: row.id, operatorId: row.operatorId };
}

const ZItem = z
  .object({
    placeId: z.string().min(1).max(64).optional(),
    externalId: z.string().min(1).max(200).optional(),
    free: z.number().int().min(0),
    observedAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((i) => !!i.placeId !== !!i.externalId, { message: "give placeId or externalId, not both" });
const ZBatch = z.object({ items: z.array(z.unknown()).min(1).max(MAX_FEED_ITEMS) }).strict();

export type TFeedResult = { applied: number; unchanged: number; rejected: { index: number; reason: string }[] };

/** Applies a batch for one operator. Throws INVALID_INPUT only when the batch itself is malformed. */
export async function ingest(db: Db, operatorId: string, body: unknown, now = new Date()): Promise<TFeedResult> {
  const batch = ZBatch.safeParse(body);
  if (!batch.success) throw new AppError("INVALID_INPUT", `The body must be {"items": [...]} with 1 to ${MAX_FEED_ITEMS} items`);
  const rejected: TFeedResult["rejected"] = [];
  const items: { index: number; placeId?: string; externalId?: string; free: number; observedAt: Date }[] = [];
  const oldest = now.getTime() - staleAfterMinutes() * 60_000;
  batch.data.items.forEach((raw, index) => {
    const item = ZItem.safeParse(raw);
    if (!item.success) return rejected.push({ index, reason: item.error.issues.map((i) => `${i.path.join(".") || "item"}: ${i.message}`).join("; ") });
    const observedAt = new Date(item.data.observedAt);
    if (observedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return rejected.push({ index, reason: "observedAt is in the future" });
    if (observedAt.getTime() < oldest) return rejected.push({ index, reason: `observedAt is older than ${staleAfterMinutes()} minutes` });
    items.push({ index, ...item.data, observedAt });
  });
  // The operator's places among those named, in two look-ups.
  const ids = items.flatMap((i) => (i.placeId ? [i.placeId] : []));
  const externals = items.flatMap((i) => (i.externalId ? [i.externalId] : []));
  const places = await db.parkingPlace.findMany({
    where: { operatorId, OR: [{ id: { in: ids } }, { externalId: { in: externals } }] },
    select: { id: true, externalId: true, capacity: true },
  });
  const byId = new Map(places.map((p) => [p.id, p]));
  const byExternal = new Map<string, (typeof places)[number] | null>();
  for (const p of places) if (p.externalId) byExternal.set(p.externalId, byExternal.has(p.externalId) ? null : p); // null: ambiguous
  const observations = [];
  for (const item of items) {
    const place = item.placeId ? byId.get(item.placeId) : byExternal.get(item.externalId!);
    if (place === null) rejected.push({ index: item.index, reason: "externalId names several of your places: use placeId" });
    else if (!place) rejected.push({ index: item.index, reason: "no such place among yours" });
    else if (item.free > place.capacity) rejected.push({ index: item.index, reason: `free must be between 0 and ${place.capacity}` });
    else observations.push({ placeId: place.id, freeSpaces: item.free, observedAt: item.observedAt });
  }
  const applied = observations.length ? (await applyObservations(db, observations)).length : 0;
  return { applied, unchanged: observations.length - applied, rejected: rejected.sort((a, b) => a.index - b.index) };
}

// ─── Admins: operators and their keys ───────────────────────────────────────

export async function listOperators(db: Db) {
  const rows = await db.parkingOperator.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { places: true } }, keys: { orderBy: { createdAt: "desc" }, select: { id: true, label: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, places: r._count.places, keys: r.keys }));
}

export async function createOperator(db: Db, name: string) {
  try {
    return await db.parkingOperator.create({ data: { name }, select: { id: true, name: true } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("NAME_TAKEN", "An operator already has this name");
    throw e;
  }
}

/** A new key for an operator: the only time the key itself is given out. */
export async function createKey(db: Db, adminId: string, input: { operatorId: string; label: string }) {
  const operator = await db.parkingOperator.findUnique({ where: { id: input.operatorId }, select: { id: true } });
  if (!operator) throw new AppError("NOT_FOUND", "Operator not found");
  const { key, prefix, keyHash } = newKey();
  const row = await db.parkingApiKey.create({ data: { operatorId: operator.id, label: input.label, prefix, keyHash, createdById: adminId } });
  return { id: row.id, key, prefix };
}

export async function revokeKey(db: Db, id: string, now = new Date()) {
  const { count } = await db.parkingApiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  if (!count && !(await db.parkingApiKey.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("NOT_FOUND", "Key not found");
}

/**
 * Operators' feeds that went quiet: places an operator feeds (operatorId set) whose last count
 * is older than the freshness threshold, or that never had one, per operator, with the
 * oldest count and a few of the places' names. Spaces that managers set by hand have no
 * operator and are not feeds.
 */
export async function staleFeeds(db: Db, staleAfterMinutes: number, now = new Date(), namesPerOperator = 3) {
  const before = new Date(now.getTime() - staleAfterMinutes * 60_000);
  const where = { operatorId: { not: null }, OR: [{ observedAt: null }, { observedAt: { lt: before } }] };
  const groups = await db.parkingPlace.groupBy({ by: ["operatorId"], where, _count: { _all: true }, _min: { observedAt: true }, orderBy: { operatorId: "asc" } });
  const ids = groups.map((g) => g.operatorId!);
  const [operators, places] = await Promise.all([
    db.parkingOperator.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    Promise.all(ids.map((operatorId) => db.parkingPlace.findMany({ where: { ...where, operatorId }, select: { id: true, name: true, observedAt: true }, orderBy: [{ observedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }], take: namesPerOperator }))),
  ]);
  const names = new Map(operators.map((o) => [o.id, o.name]));
  return groups
    .map((g, i) => ({
      operatorId: g.operatorId!,
      operatorName: names.get(g.operatorId!) ?? "",
      places: g._count._all,
      oldestObservedAt: g._min.observedAt,
      hasNeverReported: places[i]!.some((p) => p.observedAt === null),
      examples: places[i]!.map((p) => ({ id: p.id, name: p.name, observedAt: p.observedAt })),
    }))
    .sort((a, b) => b.places - a.places || a.operatorName.localeCompare(b.operatorName));
}
