// Who may call what (issue 16): every procedure of the router × every kind of caller ×
// someone else's object. Anonymous → UNAUTHORIZED, a role the procedure is not for →
// FORBIDDEN, an object that belongs to someone else of the same role → NOT_FOUND (exactly
// like one that does not exist), and not one row written by any of these calls.
//
// ─── Adding a procedure ─────────────────────────────────────────────────────
// The test walks `appRouter`, so a procedure without a row in MATRIX below fails it. Add:
//
//   "domain.manage.thing": { roles: MANAGERS, foreign: (f) => ({ id: f.building }) },
//
// - `roles`: the callers who get past the procedure's gate: PUBLIC (say `why`), SIGNED_IN
//   (anyone signed in), or a list of actors: "resident", "merchant" (a shop), "repairer" (a
//   merchant whose shop is a repairer), "manager", "admin". Every other actor must be FORBIDDEN.
// - `foreign(f, mine)`: the fields of a valid input that name someone else's object (`f`:
//   the demo neighbourhood's rows, see TForeign; `mine`: the callers' own rows). The rest of
//   the input is derived from the procedure's zod schema with the callers' own ids. Every
//   actor in `roles` (or in `notFoundFor`, when some of them may see the object: admins)
//   must get NOT_FOUND.
// - or `noForeign: "why"`, when the input names ids but there is nothing of someone else's to
//   name (a public place, an admin's queue, a token that is the permission itself…).
// A procedure whose input names no id needs neither (see the privacy and people rows).
//
// A new kind of object: add its key to TForeign and find (or create) one of the demo
// neighbourhood's in findForeign(); one the actors own goes in TMine / makeActors().
// "Someone else's object" answers other than NOT_FOUND are allowed only as `answer`:
// "empty" (a list filtered by it) or "ignored" (a batch skips it).
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import type { TRole } from "../auth/roles";
import type { Db } from "../db";
import { createCaller } from "../root";
import { changes, installChangeCounter } from "../test/changes";
import { createTestDb, type TTestDb } from "../test/db";
import { makeBuilding, makeUser } from "../test/factories";
import { procedures, sample } from "../test/router-walk";

type TActor = "resident" | "merchant" | "repairer" | "manager" | "admin";
const ACTORS: TActor[] = ["resident", "merchant", "repairer", "manager", "admin"];
const ROLE_OF: Record<TActor, TRole> = { resident: "resident", merchant: "merchant", repairer: "merchant", manager: "manager", admin: "admin" };

const PUBLIC = "public" as const;
const SIGNED_IN: TActor[] = ACTORS;
/** roleProcedure("building.manage" | "building.create" | "parking.operate"). */
const MANAGERS: TActor[] = ["manager", "admin"];
/** roleProcedure("shop.manage"). */
const SHOPKEEPERS: TActor[] = ["merchant", "repairer"];
/** roleProcedure("shop.approve" | "chat.moderate" | "parking.administer"). */
const ADMINS: TActor[] = ["admin"];

/** Someone else's rows: the demo neighbourhood (prisma/seed), none of them the actors'. */
type TForeign = Record<
  | "building" | "unit" | "membership" | "pendingMembership" | "invite" | "bill" | "paidBill" | "receipt" | "shop" | "product" | "window" | "order"
  | "qr" | "repairShop" | "booking" | "hold" | "conversation" | "message" | "place" | "favouritePlace" | "commonRepair" | "notice" | "photo" | "notification",
  string
>;
/** The actors' own rows, so that the rest of an input is theirs. */
type TMine = Record<"building" | "unit" | "shop" | "window" | "product" | "repairShop" | "photo", string>;

/** A repair service's settings that pass their schema. */
const SERVICE_SETTINGS = { categories: [{ category: "plumbing", durationMinutes: 60 }], hours: [{ weekday: 1, opens: "08:00", closes: "18:00" }], exceptions: [] };
/** A notice's times that agree with each other (the derived input's do not). */
const NOTICE_TIMES = { startsAt: null, endsAt: null, publishAt: null, expiresAt: null };

type TRow = {
  roles: typeof PUBLIC | TActor[];
  why?: string;
  foreign?: (f: TForeign, mine: TMine) => Record<string, unknown>;
  /** Who must get NOT_FOUND for the foreign object (default: every actor in roles). */
  notFoundFor?: TActor[];
  noForeign?: string;
  /**
   * When someone else's object is not an error: "empty" (a list filtered by it comes back
   * empty), "ignored" (a batch skips it). Either way nothing is written.
   */
  answer?: "empty" | "ignored";
};

const MATRIX: Record<string, TRow> = {
  // ─── accounts ───
  "accounts.signUp": { roles: PUBLIC, why: "creating an account is how a visitor becomes someone" },
  "accounts.me": { roles: SIGNED_IN },
  "accounts.changePassword": { roles: SIGNED_IN },
  "accounts.setLocale": { roles: SIGNED_IN },
  // ─── buildings ───
  "buildings.listMemberships": { roles: SIGNED_IN },
  "buildings.joinWithCode": { roles: SIGNED_IN },
  "buildings.requestToJoin": { roles: SIGNED_IN, noForeign: "any unit of the directory may be asked for: the request waits for its manager" },
  "buildings.leave": { roles: SIGNED_IN, foreign: (f) => ({ id: f.membership }) },
  "buildings.directory": { roles: SIGNED_IN },
  "buildings.directoryUnits": { roles: SIGNED_IN, noForeign: "the directory of buildings and units is open to anyone who wants to join" },
  "buildings.manage.list": { roles: MANAGERS },
  "buildings.manage.get": { roles: MANAGERS, foreign: (f) => ({ id: f.building }) },
  "buildings.manage.create": { roles: MANAGERS },
  "buildings.manage.update": { roles: MANAGERS, foreign: (f) => ({ id: f.building }) },
  "buildings.manage.createUnit": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "buildings.manage.generateUnits": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "buildings.manage.removeUnit": { roles: MANAGERS, foreign: (f) => ({ id: f.unit }) },
  "buildings.manage.listInvites": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "buildings.manage.createInvite": { roles: MANAGERS, foreign: (f) => ({ unitId: f.unit }) },
  "buildings.manage.revokeInvite": { roles: MANAGERS, foreign: (f) => ({ id: f.invite }) },
  "buildings.manage.listRequests": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "buildings.manage.decideRequest": { roles: MANAGERS, foreign: (f) => ({ membershipId: f.pendingMembership }) },
  "buildings.manage.listMembers": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "buildings.manage.removeMember": { roles: MANAGERS, foreign: (f) => ({ membershipId: f.membership }) },
  // ─── wallet ───
  "wallet.get": { roles: SIGNED_IN },
  "wallet.history": { roles: SIGNED_IN, noForeign: "the cursor only positions the caller's own movements (the query stays scoped to their wallet)" },
  "wallet.getReceipt": { roles: SIGNED_IN, foreign: (f) => ({ id: f.receipt }) },
  "wallet.topUp": { roles: SIGNED_IN },
  // ─── bills ───
  "bills.list": { roles: SIGNED_IN, foreign: (f) => ({ unitId: f.unit }), answer: "empty" },
  "bills.listUnits": { roles: SIGNED_IN },
  "bills.history": { roles: SIGNED_IN, foreign: (f) => ({ unitId: f.unit }) },
  "bills.pay": { roles: SIGNED_IN, foreign: (f) => ({ billIds: [f.bill] }) },
  "bills.topUpAndPay": { roles: SIGNED_IN, foreign: (f) => ({ billIds: [f.bill] }) },
  "bills.manage.summary": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "bills.manage.listUnits": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "bills.manage.list": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building, unitId: undefined }) },
  "bills.manage.issue": { roles: MANAGERS, foreign: (f) => ({ unitId: f.unit }) },
  "bills.manage.import": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "bills.manage.exportArrears": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "bills.manage.recordExternalPayment": { roles: MANAGERS, foreign: (f) => ({ billId: f.bill }) },
  "bills.manage.refund": { roles: MANAGERS, foreign: (f) => ({ billId: f.paidBill }) },
  // ─── notifications ───
  "notifications.list": { roles: SIGNED_IN },
  "notifications.unreadCount": { roles: SIGNED_IN },
  "notifications.markRead": { roles: SIGNED_IN, foreign: (f) => ({ ids: [f.notification] }), answer: "ignored" },
  "notifications.preferences": { roles: SIGNED_IN },
  "notifications.setPreference": { roles: SIGNED_IN },
  "notifications.setQuietHours": { roles: SIGNED_IN },
  // ─── shops ───
  "shops.list": { roles: SIGNED_IN },
  "shops.get": { roles: SIGNED_IN, foreign: (f) => ({ id: f.shop }) },
  "shops.manage.list": { roles: SHOPKEEPERS },
  "shops.manage.create": { roles: SHOPKEEPERS, foreign: (f) => ({ photoId: f.photo }) },
  "shops.manage.update": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.shop }) },
  "shops.manage.listProducts": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  "shops.manage.createProduct": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop, photoId: undefined }) },
  "shops.manage.updateProduct": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.product, photoId: undefined }) },
  "shops.manage.importCatalogue": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  "shops.admin.list": { roles: ADMINS },
  "shops.admin.decide": { roles: ADMINS, noForeign: "admins decide on every shop" },
  // ─── orders ───
  "orders.place": { roles: SIGNED_IN, foreign: (f) => ({ shopId: f.shop, windowId: f.window, lines: [{ productId: f.product, quantity: 1 }] }) },
  "orders.topUpAndPlace": { roles: SIGNED_IN, foreign: (f) => ({ shopId: f.shop, windowId: f.window, lines: [{ productId: f.product, quantity: 1 }] }) },
  "orders.list": { roles: SIGNED_IN },
  "orders.get": { roles: SIGNED_IN, foreign: (f) => ({ id: f.order }) },
  "orders.cancel": { roles: SIGNED_IN, foreign: (f) => ({ id: f.order }) },
  "orders.reorder": { roles: SIGNED_IN, foreign: (f) => ({ id: f.order }) },
  "orders.manage.list": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  "orders.manage.move": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.order }) },
  // ─── QR payments ───
  "qr.get": { roles: SIGNED_IN },
  "qr.pay": { roles: SIGNED_IN },
  "qr.topUpAndPay": { roles: SIGNED_IN },
  "qr.manage.create": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  "qr.manage.get": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.qr }) },
  // ─── chat ───
  "chat.start": { roles: SIGNED_IN, foreign: (f) => ({ shopId: f.shop, orderId: undefined, bookingId: undefined }) },
  "chat.list": { roles: SIGNED_IN, noForeign: "the cursor only positions the caller's own conversations (the query stays scoped)" },
  "chat.get": { roles: SIGNED_IN, foreign: (f) => ({ id: f.conversation }) },
  "chat.history": { roles: SIGNED_IN, foreign: (f) => ({ conversationId: f.conversation }) },
  "chat.since": { roles: SIGNED_IN, foreign: (f) => ({ conversationId: f.conversation }) },
  "chat.send": { roles: SIGNED_IN, foreign: (f) => ({ conversationId: f.conversation, photoId: undefined, orderId: undefined }) },
  "chat.markRead": { roles: SIGNED_IN, foreign: (f) => ({ conversationId: f.conversation }) },
  "chat.unreadCount": { roles: SIGNED_IN },
  "chat.setBlocked": { roles: SIGNED_IN, foreign: (f) => ({ conversationId: f.conversation }) },
  "chat.report": { roles: SIGNED_IN, foreign: (f) => ({ messageId: f.message }) },
  "chat.manage.start": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  "chat.admin.listReports": { roles: ADMINS },
  "chat.admin.reviewReport": { roles: ADMINS, noForeign: "admins review every report" },
  "chat.admin.actOnReport": { roles: ADMINS, noForeign: "admins act on every report" },
  // Privacy (issue 16): each reads or asks for the caller's own export or deletion; nothing names another's.
  "privacy.export.get": { roles: SIGNED_IN },
  "privacy.export.request": { roles: SIGNED_IN },
  "privacy.deletion.get": { roles: SIGNED_IN },
  "privacy.deletion.request": { roles: SIGNED_IN },
  // People (issue 16): admins act on every account and shop.
  "people.list": { roles: ADMINS },
  "people.get": { roles: ADMINS, noForeign: "admins see every account" },
  "people.grantRole": { roles: ADMINS, noForeign: "admins act on every account" },
  "people.withdrawRole": { roles: ADMINS, noForeign: "admins act on every account" },
  "people.suspend": { roles: ADMINS, noForeign: "admins act on every account" },
  "people.restore": { roles: ADMINS, noForeign: "admins act on every account" },
  "people.suspendShop": { roles: ADMINS, noForeign: "admins act on every shop" },
  "people.restoreShop": { roles: ADMINS, noForeign: "admins act on every shop" },
  "people.history": { roles: ADMINS, noForeign: "admins read the whole audit log" },
  // ─── parking ───
  "parking.list": { roles: SIGNED_IN },
  "parking.get": { roles: SIGNED_IN, noForeign: "places to park are public" },
  "parking.favourites.list": { roles: SIGNED_IN },
  "parking.favourites.create": { roles: SIGNED_IN, noForeign: "any place may become one's favourite (places are public)" },
  "parking.favourites.update": { roles: SIGNED_IN, noForeign: "a favourite is the caller's own (user, place) row and places are public: naming a place someone else likes touches only one's own" },
  "parking.favourites.remove": { roles: SIGNED_IN, noForeign: "a favourite is the caller's own (user, place) row and places are public: naming a place someone else likes touches only one's own" },
  "parking.manage.list": { roles: MANAGERS },
  "parking.manage.setOccupancy": { roles: MANAGERS, foreign: (f) => ({ placeId: f.place }), notFoundFor: ["manager"] },
  "parking.admin.listOperators": { roles: ADMINS },
  "parking.admin.createOperator": { roles: ADMINS },
  "parking.admin.createKey": { roles: ADMINS, noForeign: "admins run every operator" },
  "parking.admin.revokeKey": { roles: ADMINS, noForeign: "admins run every operator" },
  "parking.admin.previewImport": { roles: ADMINS, noForeign: "admins run every operator" },
  "parking.admin.import": { roles: ADMINS, noForeign: "admins run every operator" },
  "parking.admin.listPlaces": { roles: ADMINS },
  "parking.admin.setOperator": { roles: ADMINS, noForeign: "admins run every place and operator" },
  // ─── repairs ───
  "repairs.listRepairers": { roles: SIGNED_IN },
  "repairs.listSlots": { roles: SIGNED_IN, foreign: (f) => ({ serviceId: f.repairShop }) },
  "repairs.hold": { roles: SIGNED_IN, foreign: (f) => ({ serviceId: f.repairShop }) },
  "repairs.releaseHold": { roles: SIGNED_IN, foreign: (f) => ({ holdId: f.hold }) },
  "repairs.book": { roles: SIGNED_IN, foreign: (f) => ({ holdId: f.hold, photoIds: [] }) },
  "repairs.list": { roles: SIGNED_IN },
  "repairs.get": { roles: SIGNED_IN, foreign: (f) => ({ id: f.booking }) },
  "repairs.cancel": { roles: SIGNED_IN, foreign: (f) => ({ id: f.booking }) },
  "repairs.answerProposal": { roles: SIGNED_IN, foreign: (f) => ({ id: f.booking }) },
  "repairs.rate": { roles: SIGNED_IN, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.getService": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.repairShop }) },
  "repairs.manage.updateService": {
    roles: SHOPKEEPERS,
    foreign: (f) => ({ shopId: f.repairShop, settings: { ...SERVICE_SETTINGS } }),
  },
  "repairs.manage.agenda": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.repairShop }) },
  "repairs.manage.get": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.confirm": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.decline": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.propose": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.listSlots": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.start": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.complete": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.manage.cancel": { roles: SHOPKEEPERS, foreign: (f) => ({ id: f.booking }) },
  "repairs.common.list": { roles: SIGNED_IN },
  "repairs.common.support": { roles: SIGNED_IN, foreign: (f) => ({ id: f.commonRepair }) },
  "repairs.common.manage.list": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "repairs.common.manage.create": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "repairs.common.manage.update": { roles: MANAGERS, foreign: (f) => ({ id: f.commonRepair }) },
  "repairs.common.manage.withdraw": { roles: MANAGERS, foreign: (f) => ({ id: f.commonRepair }) },
  // ─── notices ───
  "notices.list": { roles: SIGNED_IN },
  "notices.get": { roles: SIGNED_IN, foreign: (f) => ({ id: f.notice }) },
  "notices.acknowledge": { roles: SIGNED_IN, foreign: (f) => ({ id: f.notice }) },
  "notices.pendingUrgent": { roles: SIGNED_IN },
  "notices.unseenCount": { roles: SIGNED_IN },
  "notices.manage.targets": { roles: MANAGERS },
  "notices.manage.audience": { roles: MANAGERS, foreign: (f) => ({ targets: [{ buildingId: f.building, staircase: "" }] }) },
  "notices.manage.preview": { roles: MANAGERS },
  "notices.manage.list": { roles: MANAGERS, foreign: (f) => ({ buildingId: f.building }) },
  "notices.manage.get": { roles: MANAGERS, foreign: (f) => ({ id: f.notice }) },
  "notices.manage.report": { roles: MANAGERS, foreign: (f) => ({ id: f.notice }) },
  "notices.manage.create": { roles: MANAGERS, foreign: (f) => ({ ...NOTICE_TIMES, targets: [{ buildingId: f.building, staircase: "" }], attachmentIds: [] }) },
  "notices.manage.update": { roles: MANAGERS, foreign: (f) => ({ ...NOTICE_TIMES, id: f.notice, attachmentIds: [] }) },
  "notices.manage.withdraw": { roles: MANAGERS, foreign: (f) => ({ id: f.notice }) },
  "notices.manage.remind": { roles: MANAGERS, foreign: (f) => ({ id: f.notice }) },
  // ─── promotions ───
  "promotions.optIn": { roles: SIGNED_IN, foreign: (f) => ({ shopId: f.shop }) },
  "promotions.optOut": { roles: SIGNED_IN, foreign: (f) => ({ shopId: f.shop }) },
  "promotions.listOptIns": { roles: SIGNED_IN },
  "promotions.manage.reach": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  "promotions.manage.send": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  "promotions.manage.list": { roles: SHOPKEEPERS, foreign: (f) => ({ shopId: f.shop }) },
  // ─── homes ───
  "home.resident": { roles: SIGNED_IN },
  "home.merchant": { roles: SHOPKEEPERS },
  "home.manager": { roles: MANAGERS },
  "home.admin": { roles: ADMINS },
};

// ─── The world ──────────────────────────────────────────────────────────────
let t: TTestDb;
const callers = {} as Record<TActor | "anonymous", ReturnType<typeof createCaller>>;
let f: TForeign;
let mine: TMine;

async function makeActors(db: Db) {
  const manager = await makeUser(db, ["manager"], "Matrix Manager");
  const { building, units } = await makeBuilding(db, manager.id);
  const resident = await makeUser(db, ["resident"], "Matrix Resident");
  await db.membership.create({ data: { userId: resident.id, unitId: units[0]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
  const merchant = await makeUser(db, ["merchant"], "Matrix Merchant");
  const hours = { create: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "00:00", closes: "23:59" })) };
  const shop = await db.shop.create({
    data: { ownerId: merchant.id, name: "Matrix Shop", category: "grocery", status: "approved", buildings: { create: { buildingId: building.id } }, hours, windows: { create: { starts: "18:00", ends: "20:00" } } },
    include: { windows: true },
  });
  const product = await db.product.create({ data: { shopId: shop.id, name: "Bread", price: 120, unit: "piece", category: "bakery", stock: 10 } });
  const repairer = await makeUser(db, ["merchant"], "Matrix Repairer");
  const repairShop = await db.shop.create({
    data: {
      ownerId: repairer.id, name: "Matrix Plumbing", category: "plumbing", kind: "repairer", status: "approved", buildings: { create: { buildingId: building.id } }, hours,
      repair: { create: { categories: { create: { category: "plumbing", durationMinutes: 60 } }, hours: { create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "08:00", closes: "18:00" })) } } },
    },
  });
  const photo = await db.photo.create({ data: { ownerId: resident.id, width: 10, height: 10, bytes: 10 } }).catch(() => null);
  const admin = await makeUser(db, ["admin"], "Matrix Admin");
  const users = { resident, merchant, repairer, manager, admin };
  for (const actor of ACTORS) {
    const u = users[actor];
    callers[actor] = createCaller({ db, ip: "127.0.0.1", session: { userId: u.id, email: u.email, name: u.name, roles: [ROLE_OF[actor]] } });
  }
  callers.anonymous = createCaller({ db, ip: "127.0.0.1", session: null });
  mine = { building: building.id, unit: units[0]!.id, shop: shop.id, window: shop.windows[0]!.id, product: product.id, repairShop: repairShop.id, photo: photo?.id ?? "cnosuchrow000000000000000" };
}

async function findForeign(db: Db): Promise<TForeign> {
  const id = async (p: Promise<{ id: string } | null>, what: string) => {
    const row = await p;
    if (!row) throw new Error(`the demo data has no ${what}`);
    return row.id;
  };
  const demo = await db.user.findUniqueOrThrow({ where: { email: "resident@quartier.test" } });
  const conversation = await db.conversation.findFirstOrThrow({ where: { residentId: demo.id } });
  const favourite = await db.parkingFavourite.findFirst({ where: { userId: demo.id } });
  const demoShop = await db.shop.findFirstOrThrow({ where: { kind: "shop", status: "approved", owner: { email: "merchant@quartier.test" } } });
  return {
    building: await id(db.building.findFirst({ where: { managers: { some: {} } } }), "building"),
    unit: await id(db.unit.findFirst({ where: { memberships: { some: { userId: demo.id, status: "active" } } } }), "unit"),
    membership: await id(db.membership.findFirst({ where: { userId: demo.id, status: "active" } }), "membership"),
    pendingMembership: await id(db.membership.findFirst({ where: { status: "pending" } }), "pending membership"),
    invite: await id(db.inviteCode.findFirst({}), "invite code"),
    bill: await id(db.bill.findFirst({ where: { status: { not: "paid" } } }), "unpaid bill"),
    paidBill: await id(db.bill.findFirst({ where: { status: "paid" } }), "paid bill"),
    receipt: await id(db.ledgerTransaction.findFirst({ where: { entries: { some: { account: { userId: demo.id } } } } }), "wallet movement"),
    shop: demoShop.id,
    product: await id(db.product.findFirst({ where: { shop: { owner: { email: "merchant@quartier.test" } } } }), "product"),
    window: await id(db.deliveryWindow.findFirst({ where: { shop: { owner: { email: "merchant@quartier.test" } } } }), "delivery window"),
    order: await id(db.order.findFirst({ where: { userId: demo.id } }), "order"),
    qr: ((await db.qrPayment.findFirst({})) ?? (await db.qrPayment.create({ data: { token: "matrix-their-qr-token-0001", shopId: demoShop.id, createdById: demoShop.ownerId, amount: 500, expiresAt: new Date(Date.now() + 3_600_000) } }))).id,
    repairShop: await id(db.shop.findFirst({ where: { kind: "repairer", status: "approved" } }), "repairer"),
    booking: await id(db.repairBooking.findFirst({ where: { residentId: demo.id, status: { not: "held" } } }), "repair booking"),
    hold:
      (await db.repairBooking.findFirst({ where: { status: "held" } }))?.id ??
      (await db.repairBooking.create({ data: { ...(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest)(await db.repairBooking.findFirstOrThrow({ where: { residentId: demo.id } })), status: "held", holdExpiresAt: new Date(Date.now() + 600_000), depositTxId: null, refundTxId: null } })).id,
    conversation: conversation.id,
    message: await id(db.message.findFirst({ where: { conversationId: conversation.id } }), "message"),
    place: await id(db.parkingPlace.findFirst({ where: { buildingId: { not: null } } }), "building's parking place"),
    favouritePlace: favourite?.placeId ?? (await id(db.parkingPlace.findFirst({}), "parking place")),
    commonRepair: await id(db.commonRepair.findFirst({}), "common repair"),
    notice: await id(db.notice.findFirst({ where: { publishedAt: { not: null }, withdrawnAt: null } }), "notice"),
    photo: await id(db.photo.findFirst({ where: { ownerId: { not: undefined } } }), "photo"),
    notification: await id(db.notification.findFirst({ where: { userId: demo.id } }), "notification"),
  };
}

beforeAll(async () => {
  t = await createTestDb();
  await seed(t.db);
  f = await findForeign(t.db);
  await makeActors(t.db);
  await installChangeCounter(t);
}, 180_000);

afterAll(async () => {
  await t?.cleanup();
});

// ─── Calling ────────────────────────────────────────────────────────────────
/** Not an input of any procedure: gets past the gate only to be refused by the input schema. */
const NOT_AN_INPUT = "«access matrix: not an input»";

async function answerOf(actor: TActor | "anonymous", path: string, input: unknown): Promise<{ code: string; data?: unknown }> {
  const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], callers[actor]) as (i: unknown) => Promise<unknown>;
  try {
    return { code: "OK", data: await fn(input) };
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code };
    return { code: `THREW ${(e as Error).message}` };
  }
}
const codeOf = async (actor: TActor | "anonymous", path: string, input: unknown) => (await answerOf(actor, path, input)).code;

/** An empty list, or an object whose lists are all empty. */
const isEmpty = (data: unknown) =>
  Array.isArray(data) ? data.length === 0 : !!data && typeof data === "object" && Object.values(data).some(Array.isArray) && Object.values(data).every((v) => !Array.isArray(v) || v.length === 0);

describe("the access matrix", () => {
  it("has a row for every procedure of the router, and none for a procedure that is gone", () => {
    const names = procedures().map(([p]) => p);
    const missing = names.filter((p) => !(p in MATRIX));
    const stale = Object.keys(MATRIX).filter((p) => !names.includes(p));
    expect(
      missing.map((p) => `${p}: add a row to MATRIX in server/http/access-matrix.test.ts (who gets past its gate, and which input names someone else's object; see the top of the file)`),
    ).toEqual([]);
    expect(stale.map((p) => `${p}: no such procedure any more, remove its row`)).toEqual([]);
  });

  it("anonymous → UNAUTHORIZED, a wrong role → FORBIDDEN, the right roles get past the gate; nothing written", async () => {
    const failures: string[] = [];
    const probe: string[] = [];
    for (const [path] of procedures()) {
      const row = MATRIX[path];
      const passed: TActor[] = [];
      for (const actor of ["anonymous", ...ACTORS] as const) {
        const before = await changes(t);
        const code = await codeOf(actor, path, NOT_AN_INPUT);
        if ((await changes(t)) !== before) failures.push(`${path} as ${actor}: answered ${code} but wrote rows`);
        if (actor !== "anonymous" && code !== "FORBIDDEN" && code !== "UNAUTHORIZED") passed.push(actor);
        if (!row) continue;
        const allowed = row.roles === PUBLIC || (actor !== "anonymous" && row.roles.includes(actor));
        const expected = allowed ? "past the gate" : actor === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN";
        const ok = allowed ? code !== "FORBIDDEN" && code !== "UNAUTHORIZED" && !code.startsWith("THREW") && code !== "INTERNAL_SERVER_ERROR" : code === expected;
        if (!ok) failures.push(`${path} as ${actor}: expected ${expected}, got ${code}`);
      }
      if (process.env.MATRIX_PROBE) probe.push(`${path}: ${passed.join(",")}`);
    }
    if (process.env.MATRIX_PROBE) console.log(probe.join("\n"));
    expect(failures).toEqual([]);
  }, 120_000);

  it("someone else's object → NOT_FOUND for every actor who may call the procedure; nothing written", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [path, proc] of procedures()) {
      const row = MATRIX[path];
      if (!row) continue;
      const schema = proc._def.inputs[0];
      const named: string[] = [];
      const idFor = (key: string) => {
        named.push(key);
        const model = key.replace(/Ids?$/, "");
        return (mine as Record<string, string>)[model] ?? mine.unit;
      };
      const base = schema ? sample(schema, idFor) : undefined;
      if (!row.foreign) {
        if (named.length > 0 && !row.noForeign) failures.push(`${path}: its input names ids (${[...new Set(named)].join(", ")}): give its row \`foreign\` (how to name someone else's object) or \`noForeign\` (why there is none)`);
        continue;
      }
      const override = row.foreign(f, mine);
      const input = base && typeof base === "object" && !Array.isArray(base) ? { ...base, ...override } : override;
      const parsed = schema?.safeParse(input);
      if (parsed && !parsed.success) {
        failures.push(`${path}: the row's input does not pass the procedure's schema (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}): fix its \`foreign\``);
        continue;
      }
      const who = row.notFoundFor ?? (row.roles === PUBLIC ? SIGNED_IN : row.roles);
      for (const actor of who) {
        const before = await changes(t);
        const { code, data } = await answerOf(actor, path, input);
        calls++;
        if ((await changes(t)) !== before) failures.push(`${path} as ${actor} with someone else's object: answered ${code} but wrote rows`);
        if (row.answer === "empty") {
          if (code !== "OK" || !isEmpty(data)) failures.push(`${path} as ${actor} with someone else's object: expected an empty answer, got ${code} ${JSON.stringify(data)?.slice(0, 200)}`);
        } else if (row.answer === "ignored") {
          if (code !== "OK") failures.push(`${path} as ${actor} with someone else's object: expected it skipped, got ${code}`);
        } else if (code !== "NOT_FOUND") failures.push(`${path} as ${actor} with someone else's object: expected NOT_FOUND, got ${code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(0);
  }, 120_000);
});
