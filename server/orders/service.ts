// Orders: placed and paid in one transaction (stock decremented by conditional updates in
// it), then moved along placed → accepted → out_for_delivery → delivered by the merchant;
// rejected (merchant) or canceled (resident, before acceptance) refunds in full and puts
// the stock back, in one transaction.
import type { z } from "zod";
import { env } from "../../env";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { accountIdOf, ensureAccount, findByKey, charge, refund, requestHash, walletOf } from "../ledger/ledger";
import { zoned } from "../lib/zoned";
import { publish } from "../realtime/emit";
import { notify } from "../notifications/service";
import { deliversTo, ownedShop, ownsShop } from "../access";
import { upcomingSlots } from "../lib/hours";
import { publishCatalogueChanged } from "../shops/service";
import type { ZPlaceOrderInput, ZTopUpAndPlaceInput } from "./schema";
import { topUpThen } from "../payments/top-up-then";
import { topUpProvider } from "../payments/provider";

import type { TOrderStatus } from "./schema";

/** Which status may follow which, and who moves it. */
const NEXT: Record<string, { to: TOrderStatus; by: "merchant" | "resident" }[]> = {
  placed: [
    { to: "accepted", by: "merchant" },
    { to: "rejected", by: "merchant" },
    { to: "canceled", by: "resident" },
  ],
  accepted: [{ to: "out_for_delivery", by: "merchant" }],
  out_for_delivery: [{ to: "delivered", by: "merchant" }],
};

class StockShort extends Error {
  constructor(public readonly productId: string, public readonly name: string, public readonly available: number) {
    super("out of stock");
  }
}

type TOrderOp = "orders.place" | "orders.topUpAndPlace";

/** An order's idempotency: the caller's scope, their key, and what was asked (the cart, the window, the unit). */
const orderIdem = (userId: string, input: z.infer<typeof ZPlaceOrderInput>, op: TOrderOp) => ({
  scope: `user:${userId}`,
  key: input.idempotencyKey,
  hash: requestHash({ op, ...input, idempotencyKey: undefined }),
});

/**
 * Everything an order is checked against before money moves: the shop (approved, not the
 * caller's own, delivering to the unit's building), the caller's active unit, the window,
 * the products (sold, in stock as it is now) and the minimum. A replay skips what may have
 * changed since the first request.
 */
async function prepareOrder(db: Db, userId: string, input: z.infer<typeof ZPlaceOrderInput>, now: Date, op: TOrderOp) {
  const idem = orderIdem(userId, input, op);
  // Only a shop the caller may see (approved, delivering to one of their buildings): any other
  // is not found, exactly like a missing one. Which of their units it delivers to comes next.
  const shop = await db.shop.findFirst({ where: { id: input.shopId, ...deliversTo(userId) }, include: { windows: true, buildings: true, hours: true } });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  if (shop.ownerId === userId) throw new AppError("OWN_SHOP", "You cannot order from your own shop");
  const membership = await db.membership.findFirst({ where: { userId, unitId: input.unitId, status: "active" } });
  if (!membership) throw new AppError("NOT_FOUND", "Unit not found");
  if (!shop.buildings.some((b) => b.buildingId === membership.buildingId)) throw new AppError("NOT_DELIVERED_HERE", "This shop does not deliver to this building");

  // A replay answers before the window or stock are looked at again; the same key for a
  // different cart is refused here, before anything else is checked.
  const replay = await findByKey(db, idem);
  if (!replay) {
    const slot = upcomingSlots(shop.windows, shop.timeZone, now, shop.hours).find((s) => s.windowId === input.windowId && s.date === input.date);
    if (!slot) throw new AppError("WINDOW_CLOSED", "This delivery window is closed for orders; pick another");
  }
  const window = shop.windows.find((w) => w.id === input.windowId)!;

  const quantities = new Map<string, number>();
  for (const l of input.lines) quantities.set(l.productId, (quantities.get(l.productId) ?? 0) + l.quantity);
  const products = await db.product.findMany({ where: { id: { in: [...quantities.keys()] }, shopId: shop.id } });
  const missing = [...quantities.keys()].find((id) => !products.some((p) => p.id === id && p.isActive));
  if (missing && !replay) {
    const p = products.find((x) => x.id === missing);
    throw new AppError("PRODUCT_UNAVAILABLE", "A product in your cart is no longer sold", { productId: missing, name: p?.name ?? "" });
  }
  // The stock as it is now (the order's conditional updates decide; this only refuses early).
  const short = replay ? undefined : products.find((p) => p.stock !== null && p.stock < quantities.get(p.id)!);
  if (short) throw new AppError("OUT_OF_STOCK", `Only ${short.stock} left of ${short.name}`, { productId: short.id, name: short.name, available: short.stock ?? 0 });
  // Lines in a fixed order, so two orders locking the same products never deadlock.
  const lines = [...products].sort((a, b) => a.id.localeCompare(b.id)).map((p) => ({ productId: p.id, name: p.name, unit: p.unit, price: p.price, quantity: quantities.get(p.id)!, total: p.price * quantities.get(p.id)! }));
  const total = lines.reduce((s, l) => s + l.total, 0);
  if (total < shop.minOrder && !replay) throw new AppError("BELOW_MINIMUM", "This order is below the shop's minimum", { minimum: shop.minOrder });
  return { idem, shop, membership, window, lines, total };
}

/**
 * Orders what the wallet does not cover, in one request (topUpThen): tops up exactly what is
 * missing through the ordinary top-up path, then places the order under the same key. The
 * order is checked first (prepareOrder), so nothing is topped up for an order that would be
 * refused; if it fails after the top-up (the stock ran out, the window closed meanwhile), the
 * money stays in the wallet and the answer says so (TOPPED_UP_NOT_PAID), with no order.
 */
export async function topUpAndPlace(db: Db, userId: string, { topUpAmount, ...input }: z.infer<typeof ZTopUpAndPlaceInput>, now = new Date(), provider = topUpProvider()) {
  const started = Date.now();
  // The order is placed at `now` moved on by what the top-up took: a window that closed meanwhile is closed.
  const later = () => new Date(now.getTime() + (Date.now() - started));
  return topUpThen(
    db,
    userId,
    {
      idempotencyKey: input.idempotencyKey,
      topUpAmount,
      paid: orderIdem(userId, input, "orders.topUpAndPlace"),
      check: async () => (await prepareOrder(db, userId, input, now, "orders.topUpAndPlace")).total,
      pay: () => placeOrder(db, userId, input, later(), "orders.topUpAndPlace"),
    },
    provider,
  );
}

export async function placeOrder(db: Db, userId: string, input: z.infer<typeof ZPlaceOrderInput>, now = new Date(), op: TOrderOp = "orders.place") {
  const { idem, shop, membership, window, lines, total } = await prepareOrder(db, userId, input, now, op);
  const [walletId, tillId] = await Promise.all([accountIdOf(db, { userId }), accountIdOf(db, { shopId: shop.id })]);
  try {
    const { transactionId, isReplay } = await charge(db, {
      kind: "order_payment",
      idem,
      walletId,
      credits: [{ accountId: tillId, amount: total }],
      initiatorId: userId,
      memo: `shop:${shop.id}`,
      // Stock first: one conditional update per line (unlimited stock is NULL and stays NULL).
      before: async (tx) => {
        for (const l of lines) {
          const { count } = await tx.product.updateMany({
            where: { id: l.productId, isActive: true, OR: [{ stock: null }, { stock: { gte: l.quantity } }] },
            data: { stock: { decrement: l.quantity } },
          });
          if (count === 0) {
            const p = await tx.product.findUnique({ where: { id: l.productId } });
            throw new StockShort(l.productId, l.name, p?.isActive ? (p.stock ?? 0) : 0);
          }
        }
      },
      after: async (tx, paymentId) => {
        const last = await tx.order.findFirst({ where: { shopId: shop.id }, orderBy: { number: "desc" }, select: { number: true } });
        await tx.order.create({
          data: {
            number: (last?.number ?? 0) + 1,
            shopId: shop.id,
            userId,
            unitId: membership.unitId,
            buildingId: membership.buildingId,
            deliveryDate: new Date(`${input.date}T00:00:00Z`),
            windowStarts: window.starts,
            windowEnds: window.ends,
            note: input.note,
            total,
            currency: env().CURRENCY,
            transactionId: paymentId,
            lines: { create: lines },
          },
        });
      },
    });
    const order = await db.order.findUniqueOrThrow({ where: { transactionId } });
    if (!isReplay) {
      publish({ type: "order.changed", orderId: order.id, shopId: shop.id, ownerId: shop.ownerId, userId, status: "placed" });
      publish({ type: "wallet.changed", userId });
      if (lines.length) await publishCatalogueChanged(db, shop.id);
    }
    return { orderId: order.id, number: order.number, total: order.total, isReplay };
  } catch (e) {
    if (e instanceof StockShort) {
      throw new AppError("OUT_OF_STOCK", `Only ${e.available} left of ${e.name}`, { productId: e.productId, name: e.name, available: e.available });
    }
    throw e;
  }
}

/** Moves an order along; a rejection or cancellation refunds and restores stock in the same transaction. */
export async function transition(db: Db, actor: { userId: string; as: "merchant" | "resident" }, orderId: string, to: TOrderStatus) {
  const order = await db.order.findFirst({
    where: actor.as === "merchant" ? { id: orderId, shop: ownsShop(actor.userId) } : { id: orderId, userId: actor.userId },
    include: { shop: { select: { ownerId: true, name: true } }, lines: true },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const allowed = NEXT[order.status]?.some((n) => n.to === to && n.by === actor.as);
  if (!allowed) throw new AppError("ORDER_STATE", "This order can no longer be changed that way", { status: order.status });
  const now = new Date();
  const stamp = to === "accepted" ? { acceptedAt: now } : to === "delivered" ? { deliveredAt: now } : {};

  if (to === "rejected" || to === "canceled") {
    const [wallet, till] = await Promise.all([walletOf(db, order.userId), ensureAccount(db, { shopId: order.shopId })]);
    const { isReplay } = await refund(db, {
      paymentId: order.transactionId,
      key: "order",
      hash: requestHash({ order: order.id }),
      fromAccountId: till.id,
      walletId: wallet.id,
      amount: order.total,
      initiatorId: actor.userId,
      memo: `order:${order.id}`,
      before: async (tx) => {
        const { count } = await tx.order.updateMany({ where: { id: order.id, status: "placed" }, data: { status: to } });
        if (count === 0) throw new AppError("ORDER_STATE", "This order can no longer be changed that way", { status: order.status });
        for (const l of order.lines) {
          await tx.product.updateMany({ where: { id: l.productId, stock: { not: null } }, data: { stock: { increment: l.quantity } } });
        }
      },
      after: async (tx, refundId) => {
        await tx.order.update({ where: { id: order.id }, data: { refundId } });
      },
    });
    if (isReplay) {
      // Someone else's rejection or cancellation refunded it first (the refund key is per
      // order): success only if that already did what was asked; no second events.
      const { status } = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
      if (status !== to) throw new AppError("ORDER_STATE", "This order can no longer be changed that way", { status });
      return { ok: true as const, status: to };
    }
    publish({ type: "wallet.changed", userId: order.userId });
  } else {
    const { count } = await db.order.updateMany({ where: { id: order.id, status: order.status }, data: { status: to, ...stamp } });
    if (count === 0) throw new AppError("ORDER_STATE", "This order changed meanwhile; look again");
  }
  publish({ type: "order.changed", orderId: order.id, shopId: order.shopId, ownerId: order.shop.ownerId, userId: order.userId, status: to });
  if (to === "rejected" || to === "canceled") await publishCatalogueChanged(db, order.shopId);
  // The customer hears of what the shop does (not of their own cancellation).
  if (actor.as === "merchant") {
    await notify(db, [
      {
        userId: order.userId,
        kind: "orderStatus",
        params: { shop: order.shop.name, number: order.number, status: to, amount: order.total, currency: order.currency },
        dedupeKey: `order:${order.id}:${to}`,
        // One entry per order, updated by each step.
        groupKey: `order:${order.id}`,
      },
    ]);
  }
  return { ok: true as const, status: to };
}

const residentOrderInclude = {
  lines: true,
  shop: { select: { id: true, name: true, photoId: true } },
  unit: { select: { staircase: true, floor: true, door: true } },
  building: { select: { name: true } },
} as const;

type ResidentOrderRow = Awaited<ReturnType<typeof loadResidentOrders>>[number];
const loadResidentOrders = (db: Db | DbTx, where: object, take = 50) =>
  db.order.findMany({ where, include: residentOrderInclude, orderBy: { createdAt: "desc" }, take });

function toResidentOrder(o: ResidentOrderRow) {
  return {
    id: o.id,
    number: o.number,
    shop: { id: o.shop.id, name: o.shop.name },
    status: o.status as TOrderStatus,
    total: o.total,
    currency: o.currency,
    deliveryDate: o.deliveryDate,
    windowStarts: o.windowStarts,
    windowEnds: o.windowEnds,
    note: o.note,
    buildingName: o.building.name,
    unit: o.unit,
    createdAt: o.createdAt,
    receiptId: o.transactionId,
    lines: o.lines.map((l) => ({ productId: l.productId, name: l.name, unit: l.unit as "piece" | "kg" | "pack", price: l.price, quantity: l.quantity, total: l.total })),
  };
}

export async function myOrders(db: Db, userId: string) {
  return (await loadResidentOrders(db, { userId })).map(toResidentOrder);
}

export async function myOrder(db: Db, userId: string, orderId: string) {
  const [o] = await loadResidentOrders(db, { id: orderId, userId }, 1);
  if (!o) throw new AppError("NOT_FOUND", "Order not found");
  return toResidentOrder(o);
}

/** A past order as a new cart: lines still sold come back; the others are flagged, not dropped. */
export async function reorder(db: Db, userId: string, orderId: string) {
  const order = await db.order.findFirst({ where: { id: orderId, userId }, include: { lines: true } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const products = await db.product.findMany({ where: { id: { in: order.lines.map((l) => l.productId) } } });
  return {
    shopId: order.shopId,
    lines: order.lines.map((l) => {
      const p = products.find((x) => x.id === l.productId);
      const reason: null | "unavailable" | "outOfStock" | "lowStock" = !p || !p.isActive ? "unavailable" : p.stock !== null && p.stock < l.quantity ? (p.stock === 0 ? "outOfStock" : "lowStock") : null;
      return { productId: l.productId, name: l.name, quantity: l.quantity, price: p?.price ?? l.price, previousPrice: l.price, available: p?.isActive ? p.stock : 0, problem: reason };
    }),
  };
}

// ─── Merchants: the board ──────────────────────────────────────────────────

/**
 * Orders for the merchant's board: today's and later deliveries plus anything still open.
 * Only the customer's display name and delivery unit: never balance, bills or anything else.
 */
export async function board(db: Db, ownerId: string, shopId: string, now = new Date()) {
  const shop = await ownedShop(db, ownerId, shopId);
  const today = new Date(`${zoned(now, shop.timeZone).date}T00:00:00Z`);
  const rows = await db.order.findMany({
    where: { shopId, OR: [{ deliveryDate: { gte: today } }, { status: { in: ["placed", "accepted", "out_for_delivery"] } }] },
    include: {
      lines: true,
      user: { select: { name: true } },
      unit: { select: { staircase: true, floor: true, door: true } },
      building: { select: { name: true } },
    },
    orderBy: [{ deliveryDate: "asc" }, { windowStarts: "asc" }, { number: "asc" }],
    take: 500,
  });
  return rows.map((o) => ({
    id: o.id,
    number: o.number,
    status: o.status as TOrderStatus,
    total: o.total,
    currency: o.currency,
    deliveryDate: o.deliveryDate,
    windowStarts: o.windowStarts,
    windowEnds: o.windowEnds,
    note: o.note,
    createdAt: o.createdAt,
    customerName: o.user.name,
    buildingName: o.building.name,
    unit: o.unit,
    lines: o.lines.map((l) => ({ name: l.name, unit: l.unit as "piece" | "kg" | "pack", quantity: l.quantity, total: l.total })),
  }));
}
