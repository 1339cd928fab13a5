// Shops: merchants run them (details, hours, delivery buildings and windows, catalogue),
// admins approve them, residents see the approved ones that deliver to their building.
import type { z } from "zod";
import type { Db, DbTx } from "../db";
import { deliversTo, ownedShop, ownsShop } from "../access";
import { AppError } from "../errors";
import { columnName, readCsv } from "../lib/csv";
import { openState, upcomingSlots } from "../lib/hours";
import { publish } from "../realtime/emit";
import { photoUrl } from "../storage/photos";
import { ZProductInput, type TShopInput, type ZCatalogueImportInput, type ZProductPatch } from "./schema";
import { isUniqueViolation } from "../lib/db-errors";
import { shopSuspensionReasons, writeAudit } from "../people/audit";


/** Tells the residents who can see this shop that its catalogue (prices, stock) changed. */
export async function publishCatalogueChanged(db: Db | DbTx, shopId: string) {
  const buildings = await db.shopBuilding.findMany({ where: { shopId, shop: { status: "approved" } }, select: { buildingId: true } });
  publish({ type: "catalogue.changed", shopId, buildingIds: buildings.map((b) => b.buildingId) });
}

const shopInclude = {
  hours: { orderBy: [{ weekday: "asc" as const }, { opens: "asc" as const }] },
  windows: { where: { isActive: true }, orderBy: { starts: "asc" as const } },
  buildings: { include: { building: { select: { id: true, name: true } } } },
};

type ShopRow = NonNullable<Awaited<ReturnType<typeof loadShop>>>;
const loadShop = (db: Db | DbTx, id: string) => db.shop.findUnique({ where: { id }, include: shopInclude });

function toPublic(s: ShopRow, now = new Date()) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    category: s.category as TShopInput["category"],
    photoUrl: photoUrl(s.photoId),
    minOrder: s.minOrder,
    timeZone: s.timeZone,
    hours: s.hours.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes })),
    windows: s.windows.map((w) => ({ id: w.id, starts: w.starts, ends: w.ends, cutoffMinutes: w.cutoffMinutes })),
    ...openState(s.hours, s.timeZone, now),
  };
}

function toMine(s: ShopRow, now = new Date()) {
  return {
    ...toPublic(s, now),
    status: s.status as "pending" | "approved" | "rejected" | "suspended",
    kind: s.kind as "shop" | "repairer",
    photoId: s.photoId,
    buildings: s.buildings.map((b) => b.building),
  };
}

// ─── Merchants: their shops ────────────────────────────────────────────────

export async function myShops(db: Db, ownerId: string) {
  const rows = await db.shop.findMany({ where: ownsShop(ownerId), include: shopInclude, orderBy: { createdAt: "asc" } });
  // A suspended shop's owner is told why: the reason the admin gave (server/people).
  const reasons = await shopSuspensionReasons(db, rows.filter((s) => s.status === "suspended").map((s) => s.id));
  return rows.map((s) => ({ ...toMine(s), suspensionReason: s.status === "suspended" ? (reasons.get(s.id) ?? "") : null }));
}

async function checkRefs(db: Db | DbTx, ownerId: string, input: { photoId?: string | null; buildingIds?: string[] }) {
  if (input.photoId) {
    const photo = await db.photo.findFirst({ where: { id: input.photoId, ownerId } });
    if (!photo) throw new AppError("NOT_FOUND", "Photo not found");
  }
  if (input.buildingIds?.length) {
    const found = await db.building.count({ where: { id: { in: input.buildingIds } } });
    if (found !== new Set(input.buildingIds).size) throw new AppError("NOT_FOUND", "Building not found");
  }
}

async function writeChildren(tx: DbTx, shopId: string, input: TShopInput) {
  await tx.shopHours.deleteMany({ where: { shopId } });
  await tx.shopBuilding.deleteMany({ where: { shopId } });
  // Windows are switched off rather than deleted: orders keep their window's times anyway.
  await tx.deliveryWindow.updateMany({ where: { shopId }, data: { isActive: false } });
  if (input.hours.length) await tx.shopHours.createMany({ data: input.hours.map((h) => ({ ...h, shopId })) });
  if (input.buildingIds.length) await tx.shopBuilding.createMany({ data: [...new Set(input.buildingIds)].map((buildingId) => ({ shopId, buildingId })) });
  for (const w of input.windows) {
    const same = await tx.deliveryWindow.findFirst({ where: { shopId, starts: w.starts, ends: w.ends } });
    if (same) await tx.deliveryWindow.update({ where: { id: same.id }, data: { cutoffMinutes: w.cutoffMinutes, isActive: true } });
    else await tx.deliveryWindow.create({ data: { ...w, shopId } });
  }
}

export async function createShop(db: Db, ownerId: string, input: TShopInput) {
  await checkRefs(db, ownerId, input);
  const id = await db.$transaction(async (tx) => {
    const { hours: _h, windows: _w, buildingIds: _b, ...fields } = input;
    const shop = await tx.shop.create({ data: { ...fields, ownerId, status: "pending" } });
    await writeChildren(tx, shop.id, input);
    return shop.id;
  });
  publish({ type: "shops.changed", shopId: id, ownerId });
  return toMine((await loadShop(db, id))!);
}

export async function updateShop(db: Db, ownerId: string, shopId: string, input: TShopInput) {
  await ownedShop(db, ownerId, shopId);
  await checkRefs(db, ownerId, input);
  await db.$transaction(async (tx) => {
    // What a business is (a shop or a repair service) is chosen once, when it is opened: an
    // edit never changes it (a form that forgot `kind` would otherwise make a repairer a shop).
    const { hours: _h, windows: _w, buildingIds: _b, kind: _k, ...fields } = input;
    await tx.shop.update({ where: { id: shopId }, data: fields });
    await writeChildren(tx, shopId, input);
  });
  publish({ type: "shops.changed", shopId, ownerId });
  return toMine((await loadShop(db, shopId))!);
}

// ─── Admins: approval ──────────────────────────────────────────────────────

export async function listForReview(db: Db, status: "pending" | "approved" | "rejected" | "suspended" | "all") {
  const rows = await db.shop.findMany({
    where: status === "all" ? {} : { status },
    include: { ...shopInclude, owner: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const reasons = await shopSuspensionReasons(db, rows.filter((s) => s.status === "suspended").map((s) => s.id));
  return rows.map((s) => ({ ...toMine(s), owner: s.owner, createdAt: s.createdAt, suspensionReason: s.status === "suspended" ? (reasons.get(s.id) ?? "") : null }));
}

/**
 * Approve (a waiting or rejected shop) or reject (a waiting one), with its audit row in the
 * same transaction. A suspended shop is restored, with a reason, from the people pages
 * (server/people): not by approving it again.
 */
export async function decideShop(db: Db, adminId: string, shopId: string, decision: "approved" | "rejected", now = new Date()) {
  const from = decision === "approved" ? ["pending", "rejected"] : ["pending"];
  const shop = await db.$transaction(async (tx) => {
    const row = await tx.shop.findUnique({ where: { id: shopId }, select: { id: true, name: true, ownerId: true, status: true } });
    if (!row) throw new AppError("NOT_FOUND", "Shop not found");
    const { count } = await tx.shop.updateMany({ where: { id: shopId, status: { in: from } }, data: { status: decision, decidedById: adminId, decidedAt: now } });
    if (!count) {
      if (row.status === decision) return null; // decided already: nothing changes, nothing is recorded
      throw new AppError("SHOP_STATE", "This shop cannot be decided now");
    }
    await writeAudit(tx, { actorId: adminId, action: decision === "approved" ? "shop.approve" : "shop.reject", target: { type: "shop", id: shopId }, detail: { name: row.name, ownerId: row.ownerId } });
    return row;
  });
  if (shop) publish({ type: "shops.changed", shopId, ownerId: shop.ownerId });
  return { ok: true as const };
}

// ─── Residents ─────────────────────────────────────────────────────────────

export async function shopsForResident(db: Db, userId: string, now = new Date()) {
  const rows = await db.shop.findMany({ where: { ...deliversTo(userId), kind: "shop" }, include: shopInclude, orderBy: { name: "asc" } });
  return rows.map((s) => toPublic(s, now));
}

/** One shop a resident may order from, with its active products (optionally searched). */
export async function shopForResident(db: Db, userId: string, shopId: string, q?: string, now = new Date()) {
  const shop = await db.shop.findFirst({ where: { id: shopId, ...deliversTo(userId) }, include: shopInclude });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  const products = await db.product.findMany({
    where: { shopId, isActive: true, ...(q ? { OR: [{ name: { contains: q } }, { description: { contains: q } }, { category: { contains: q } }] } : {}) },
    orderBy: [{ category: "asc" }, { name: "asc" }],
  });
  return { shop: toPublic(shop, now), products: products.map(toProduct), slots: upcomingSlots(shop.windows, shop.timeZone, now, shop.hours) };
}

// ─── Catalogue ─────────────────────────────────────────────────────────────

type ProductRow = Awaited<ReturnType<Db["product"]["findFirstOrThrow"]>>;
export function toProduct(p: ProductRow) {
  return {
    id: p.id,
    shopId: p.shopId,
    name: p.name,
    description: p.description,
    price: p.price,
    unit: p.unit as "piece" | "kg" | "pack",
    category: p.category,
    photoUrl: photoUrl(p.photoId),
    photoId: p.photoId,
    stock: p.stock,
    isActive: p.isActive,
  };
}

export async function listProducts(db: Db, ownerId: string, shopId: string) {
  await ownedShop(db, ownerId, shopId);
  return (await db.product.findMany({ where: { shopId }, orderBy: [{ category: "asc" }, { name: "asc" }] })).map(toProduct);
}

export async function createProduct(db: Db, ownerId: string, shopId: string, input: z.infer<typeof ZProductInput>) {
  await ownedShop(db, ownerId, shopId);
  await checkRefs(db, ownerId, { photoId: input.photoId });
  try {
    const p = await db.product.create({ data: { ...input, shopId } });
    await publishCatalogueChanged(db, shopId);
    return toProduct(p);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("NAME_TAKEN", "This shop already has a product with that name");
    throw e;
  }
}

export async function patchProduct(db: Db, ownerId: string, input: z.infer<typeof ZProductPatch>) {
  const { id, ...data } = input;
  const product = await db.product.findFirst({ where: { id, shop: ownsShop(ownerId) } });
  if (!product) throw new AppError("NOT_FOUND", "Product not found");
  if (data.photoId) await checkRefs(db, ownerId, { photoId: data.photoId });
  try {
    const p = await db.product.update({ where: { id }, data });
    await publishCatalogueChanged(db, p.shopId);
    return toProduct(p);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("NAME_TAKEN", "This shop already has a product with that name");
    throw e;
  }
}

const CATALOGUE_COLUMNS = ["name", "description", "price_cents", "unit", "category", "stock", "active"] as const;

/** Catalogue CSV: all rows checked first; any bad row → nothing imported. Existing names are reported and skipped. */
export async function importCatalogue(db: Db, ownerId: string, input: z.infer<typeof ZCatalogueImportInput>) {
  await ownedShop(db, ownerId, input.shopId);
  const errors: { line: number; column: string; reason: string }[] = [];
  const read = readCsv(input.csv);
  const records = "records" in read ? read.records.map((r) => ({ record: r.cells, info: { lines: r.line } })) : [];
  if ("malformedAt" in read) errors.push({ line: read.malformedAt, column: "", reason: "malformed" });
  const rows: { line: number; data: z.infer<typeof ZProductInput> }[] = [];
  if (!errors.length && records.length < 2) errors.push({ line: records.length ? 2 : 1, column: "", reason: "empty" });
  if (!errors.length) {
    const header = records[0]!.record.map(columnName);
    const idx = new Map(header.map((h, i) => [h, i]));
    header.forEach((h, i) => {
      if (!(CATALOGUE_COLUMNS as readonly string[]).includes(h)) errors.push({ line: 1, column: h || `#${i + 1}`, reason: "unknownColumn" });
    });
    for (const c of ["name", "price_cents"]) if (!idx.has(c)) errors.push({ line: 1, column: c, reason: "missingColumn" });
    if (records.length - 1 > 5000) errors.push({ line: 5002, column: "", reason: "tooManyRows" });
    const seen = new Set<string>();
    if (!errors.length) {
      for (const { record, info } of records.slice(1)) {
        const line = info.lines;
        const cell = (c: string) => (idx.has(c) ? (record[idx.get(c)!] ?? "").trim() : "");
        const price = cell("price_cents");
        const stock = cell("stock");
        const active = cell("active").toLowerCase();
        const rowErrors: typeof errors = [];
        if (!/^\d+$/.test(price)) rowErrors.push({ line, column: "price_cents", reason: price ? "cents" : "required" });
        if (stock && !/^\d+$/.test(stock)) rowErrors.push({ line, column: "stock", reason: "integer" });
        if (active && !["true", "false", "yes", "no", "1", "0"].includes(active)) rowErrors.push({ line, column: "active", reason: "boolean" });
        const parsed = ZProductInput.safeParse({
          name: cell("name"),
          description: cell("description"),
          price: /^\d+$/.test(price) ? Number(price) : 1,
          unit: cell("unit") || "piece",
          category: cell("category"),
          stock: stock === "" ? null : /^\d+$/.test(stock) ? Number(stock) : 0,
          isActive: active === "" ? true : ["true", "yes", "1"].includes(active),
        });
        if (!parsed.success) {
          const map: Record<string, string> = { name: "name", description: "description", price: "price_cents", unit: "unit", category: "category", stock: "stock" };
          for (const issue of parsed.error.issues) rowErrors.push({ line, column: map[String(issue.path[0])] ?? String(issue.path[0]), reason: issue.message });
        }
        const key = cell("name").toLowerCase();
        if (key && seen.has(key)) rowErrors.push({ line, column: "name", reason: "duplicateInFile" });
        seen.add(key);
        if (rowErrors.length || !parsed.success) errors.push(...rowErrors);
        else rows.push({ line, data: parsed.data });
      }
    }
  }
  const existing = new Set(
    (await db.product.findMany({ where: { shopId: input.shopId, name: { in: rows.map((r) => r.data.name) } }, select: { name: true } })).map((p) => p.name),
  );
  const duplicates = rows.filter((r) => existing.has(r.data.name)).map((r) => ({ line: r.line, reference: r.data.name }));
  const fresh = rows.filter((r) => !existing.has(r.data.name));
  const base = { rows: Math.max(records.length - 1, 0), duplicates, errors: errors.sort((a, b) => a.line - b.line) };
  if (errors.length || input.dryRun || fresh.length === 0) return { ...base, isImported: false, imported: errors.length ? 0 : input.dryRun ? fresh.length : 0 };
  try {
    await db.$transaction(async (tx) => {
      await tx.product.createMany({ data: fresh.map((r) => ({ ...r.data, shopId: input.shopId })) });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("IMPORT_CONFLICT", "Some of these products were added meanwhile; check the file again");
    throw e;
  }
  await publishCatalogueChanged(db, input.shopId);
  return { ...base, isImported: true, imported: fresh.length };
}
