// Chat: starting a conversation (resident side, merchant side), sending with sequence
// numbers and idempotent retries, blocks, the per-user send limit, unread counts and
// receipts, history and catch-up paging, the inbox, and reports.
import { randomBytes, randomUUID } from "node:crypto";
import type { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { env } from "../../env";
import type { TDomainEvent } from "../realtime/events";
import { appRouter } from "../root";
import { makeChat } from "../test/chat";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";
import { MAX_MESSAGE_LENGTH, ZConversation } from "./schema";
import * as service from "./service";

const { t, events } = useTestDb();

type TUser = Awaited<ReturnType<typeof makeUser>>;
type TCaller = ReturnType<typeof callerFor>;

/** A fresh client-generated message id (the schema wants 8–64 of [A-Za-z0-9_-]). */
const cid = () => `c_${randomBytes(8).toString("hex")}`;
/** A limiter that never refuses, for calling the service directly. */
const noLimit = { limiter: new RateLimiterMemory({ keyPrefix: "test-unlimited", points: 1_000_000, duration: 10 }) };

async function member(user: TUser, unit: { id: string; buildingId: string }, status: "active" | "pending" = "active") {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: "code" } });
}

let orderNumber = 0;
/** An order row (with the payment transaction it must point at), without going through the wallet. */
async function makeOrder(shopId: string, userId: string, unit: { id: string; buildingId: string }) {
  const payment = await t.db.ledgerTransaction.create({
    data: { kind: "order_payment", scope: `user:${userId}`, idempotencyKey: randomUUID(), requestHash: "test", currency: "EUR", amount: 500 },
  });
  return t.db.order.create({
    data: {
      number: ++orderNumber,
      shopId,
      userId,
      unitId: unit.id,
      buildingId: unit.buildingId,
      deliveryDate: new Date("2026-01-05T00:00:00Z"),
      windowStarts: "10:00",
      windowEnds: "11:00",
      total: 500,
      currency: "EUR",
      transactionId: payment.id,
    },
  });
}

/** Another merchant's approved shop delivering to `buildingId`. */
async function makeShop(ownerId: string, buildingId: string, over: { name?: string; status?: string } = {}) {
  return t.db.shop.create({
    data: { ownerId, name: over.name ?? "Autre boutique", category: "grocery", status: over.status ?? "approved", buildings: { create: { buildingId } } },
  });
}

/**
 * makeChat's world (Alice, member of unit A-101, and "Épicerie Martin" delivering to her
 * building, with their empty conversation), plus Bob, a stranger and an admin.
 */
async function world(opts: Parameters<typeof makeChat>[1] = {}) {
  const s = await makeChat(t.db, opts);
  const bob = await makeUser(t.db, ["resident"], "Bob");
  await member(bob, s.units[1]!);
  const stranger = await makeUser(t.db, ["resident", "merchant"], "Stranger");
  const admin = await makeUser(t.db, ["admin"], "Admin");
  events.length = 0;
  return {
    ...s,
    bob,
    stranger,
    admin,
    asResident: callerFor(t.db, s.resident, ["resident"]),
    asMerchant: callerFor(t.db, s.merchant, ["merchant"]),
    asBob: callerFor(t.db, bob, ["resident"]),
    asStranger: callerFor(t.db, stranger, ["resident", "merchant"]),
    asAdmin: callerFor(t.db, admin, ["admin"]),
    id: s.conversation.id,
  };
}
type TWorld = Awaited<ReturnType<typeof world>>;

const send = (api: TCaller, conversationId: string, body: string, over: Record<string, unknown> = {}) => api.chat.send({ conversationId, clientId: cid(), body, ...over });

const conversationRow = (id: string) => t.db.conversation.findUniqueOrThrow({ where: { id } });
const messageCount = (conversationId: string) => t.db.message.count({ where: { conversationId } });
const ofType = <K extends TDomainEvent["type"]>(type: K) => events.filter((e): e is Extract<TDomainEvent, { type: K }> => e.type === type);

/** The error a call failed with, and what the HTTP API would send for it (the app's formatter). */
async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    const shape = getErrorShape({ config: appRouter._def._config, error: error as TRPCError, type: "mutation", path: "chat.send", input: undefined, ctx: undefined });
    return { error: error as TRPCError, data: shape.data as { code: string; appCode: string | null; params: Record<string, unknown> | null } };
  }
  throw new Error("expected the call to fail");
}

/** Keys in `value` that `schema` does not declare, or declared keys that are missing (recursively). */
function keyProblems(schema: z.ZodType, value: unknown, at = "$"): string[] {
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return value == null ? [] : keyProblems(schema.unwrap() as z.ZodType, value, at);
  if (schema instanceof z.ZodArray) return (value as unknown[]).flatMap((v, i) => keyProblems(schema.element as z.ZodType, v, `${at}[${i}]`));
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    const obj = value as Record<string, unknown>;
    return [
      ...Object.keys(obj).filter((k) => !(k in shape)).map((k) => `${at}.${k} is extra`),
      ...Object.keys(shape).filter((k) => !(k in obj)).map((k) => `${at}.${k} is missing`),
      ...Object.keys(shape).filter((k) => k in obj).flatMap((k) => keyProblems(shape[k]!, obj[k], `${at}.${k}`)),
    ];
  }
  return [];
}

// ─── Starting ──────────────────────────────────────────────────────────────

describe("a resident starting a conversation", () => {
  it("opens the conversation with a shop delivering to their building, the same one every time", async () => {
    const s = await world();
    const first = await s.asResident.chat.start({ shopId: s.shop.id });
    expect(first).toEqual({ id: s.id });
    await expect(s.asResident.chat.start({ shopId: s.shop.id })).resolves.toEqual({ id: s.id });
    // Bob (another member of the building) gets his own conversation, also stable.
    const bobs = await s.asBob.chat.start({ shopId: s.shop.id });
    expect(bobs.id).not.toBe(s.id);
    await expect(s.asBob.chat.start({ shopId: s.shop.id })).resolves.toEqual(bobs);
    expect(await t.db.conversation.findUniqueOrThrow({ where: { id: bobs.id } })).toMatchObject({ shopId: s.shop.id, residentId: s.bob.id, orderId: null, lastSeq: 0 });
    expect(await t.db.conversation.count({ where: { shopId: s.shop.id } })).toBe(2);
  });

  it("refuses shops that do not deliver to the resident's building or are not approved (NOT_FOUND), and creates nothing", async () => {
    const s = await world();
    const owner = await makeUser(t.db, ["merchant"], "Other owner");
    const manager = await makeUser(t.db, ["manager"], "Elsewhere");
    const { building: elsewhere } = await makeBuilding(t.db, manager.id);
    const farAway = await makeShop(owner.id, elsewhere.id, { name: "Far away" });
    const pending = await makeShop(owner.id, s.building.id, { name: "Pending", status: "pending" });
    const suspended = await makeShop(owner.id, s.building.id, { name: "Suspended", status: "suspended" });
    for (const shopId of [farAway.id, pending.id, suspended.id, MISSING_ID]) {
      await expect(s.asResident.chat.start({ shopId }), shopId).rejects.toMatchObject({ code: "NOT_FOUND", cause: { code: "NOT_FOUND" } });
    }
    // A pending member of the building is not a resident there yet.
    const carol = await makeUser(t.db, ["resident"], "Carol");
    await member(carol, s.units[0]!, "pending");
    await expect(callerFor(t.db, carol, ["resident"]).chat.start({ shopId: s.shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.conversation.count({ where: { shopId: { in: [farAway.id, pending.id, suspended.id] } } })).toBe(0);
    expect(await t.db.conversation.count({ where: { residentId: carol.id } })).toBe(0);

    // Having ordered from a shop is enough (even one that no longer delivers there).
    await makeOrder(farAway.id, s.resident.id, s.units[0]!);
    const opened = await s.asResident.chat.start({ shopId: farAway.id });
    expect(await conversationRow(opened.id)).toMatchObject({ shopId: farAway.id, residentId: s.resident.id });
  });

  it("refuses the owner's own shop with OWN_SHOP", async () => {
    const s = await world();
    // Even when the merchant lives in a building the shop delivers to.
    await member(s.merchant, s.units[1]!);
    await expect(s.asMerchant.chat.start({ shopId: s.shop.id })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "OWN_SHOP" } });
    expect(await t.db.conversation.count({ where: { residentId: s.merchant.id } })).toBe(0);
  });

  it("takes an order as context only when it is the caller's order with that shop", async () => {
    const s = await world();
    const bobsOrder = await makeOrder(s.shop.id, s.bob.id, s.units[1]!);
    await expect(s.asResident.chat.start({ shopId: s.shop.id, orderId: bobsOrder.id })).rejects.toMatchObject({ code: "NOT_FOUND", cause: { code: "NOT_FOUND" } });
    // Alice's own order, but with another shop.
    const owner = await makeUser(t.db, ["merchant"], "Other owner");
    const other = await makeShop(owner.id, s.building.id);
    const otherOrder = await makeOrder(other.id, s.resident.id, s.units[0]!);
    await expect(s.asResident.chat.start({ shopId: s.shop.id, orderId: otherOrder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asResident.chat.start({ shopId: s.shop.id, orderId: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await conversationRow(s.id)).orderId).toBeNull();

    const mine = await makeOrder(s.shop.id, s.resident.id, s.units[0]!);
    await expect(s.asResident.chat.start({ shopId: s.shop.id, orderId: mine.id })).resolves.toEqual({ id: s.id });
    expect((await conversationRow(s.id)).orderId).toBe(mine.id);
    // Opening again from the shop page keeps the order context.
    await s.asResident.chat.start({ shopId: s.shop.id });
    expect((await conversationRow(s.id)).orderId).toBe(mine.id);
  });

  it("makes one conversation for ten starts at once", async () => {
    const s = await world();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => s.asBob.chat.start({ shopId: s.shop.id })));
    const errors = results.filter((r) => r.status === "rejected").map((r) => String((r).reason));
    expect(errors).toEqual([]);
    const ids = new Set(results.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id));
    expect(ids.size).toBe(1);
    expect(await t.db.conversation.count({ where: { residentId: s.bob.id } })).toBe(1);
    expect((await t.db.conversation.findFirstOrThrow({ where: { residentId: s.bob.id } })).id).toBe([...ids][0]);
  });
});

describe("a merchant starting a conversation with a customer", () => {
  it("opens the conversation about an order of their own shop", async () => {
    const s = await world();
    const alices = await makeOrder(s.shop.id, s.resident.id, s.units[0]!);
    await expect(s.asMerchant.chat.manage.start({ orderId: alices.id })).resolves.toEqual({ id: s.id });
    expect((await conversationRow(s.id)).orderId).toBe(alices.id);
    // Bob has no conversation yet: one is created, with his order as context.
    const bobs = await makeOrder(s.shop.id, s.bob.id, s.units[1]!);
    const opened = await s.asMerchant.chat.manage.start({ orderId: bobs.id });
    expect(await conversationRow(opened.id)).toMatchObject({ shopId: s.shop.id, residentId: s.bob.id, orderId: bobs.id });
    // Bob opening it from the shop page finds the same one.
    await expect(s.asBob.chat.start({ shopId: s.shop.id })).resolves.toEqual(opened);
  });

  it("refuses another merchant's order (NOT_FOUND) and callers without the merchant role (FORBIDDEN)", async () => {
    const s = await world();
    const order = await makeOrder(s.shop.id, s.resident.id, s.units[0]!);
    const rival = await makeUser(t.db, ["merchant"], "Rival");
    await makeShop(rival.id, s.building.id, { name: "Rival" });
    const asRival = callerFor(t.db, rival, ["merchant"]);
    await expect(asRival.chat.manage.start({ orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND", cause: { code: "NOT_FOUND" } });
    await expect(s.asMerchant.chat.manage.start({ orderId: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A resident, and a resident whose session claims "merchant" (roles come from the database).
    await expect(s.asResident.chat.manage.start({ orderId: order.id })).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "FORBIDDEN" } });
    await expect(callerFor(t.db, s.bob, ["merchant"]).chat.manage.start({ orderId: order.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.conversation.count({ where: { shopId: s.shop.id } })).toBe(1);
    expect((await conversationRow(s.id)).orderId).toBeNull();
  });
});

// ─── Sending ───────────────────────────────────────────────────────────────

describe("sending", () => {
  it("stores messages numbered 1, 2, 3 and announces each to both sides", async () => {
    const s = await world();
    const a = await send(s.asResident, s.id, "Bonjour, avez-vous du pain ?");
    const b = await send(s.asMerchant, s.id, "Oui, jusqu'à 19 h.");
    const c = await send(s.asResident, s.id, "Merci !");
    expect([a, b, c].map((r) => [r.message.seq, r.message.side, r.isReplay])).toEqual([
      [1, "resident", false],
      [2, "merchant", false],
      [3, "resident", false],
    ]);
    expect(a.message).toMatchObject({ conversationId: s.id, body: "Bonjour, avez-vous du pain ?", photo: null, order: null });
    expect(ofType("chat.message")).toEqual([a, b, c].map((r) => ({ type: "chat.message", conversationId: s.id, residentId: s.resident.id, ownerId: s.merchant.id, message: r.message })));
    const rows = await t.db.message.findMany({ where: { conversationId: s.id }, orderBy: { seq: "asc" } });
    expect(rows.map((m) => [m.seq, m.senderId, m.clientId])).toEqual([
      [1, s.resident.id, a.message.clientId],
      [2, s.merchant.id, b.message.clientId],
      [3, s.resident.id, c.message.clientId],
    ]);
    expect(await conversationRow(s.id)).toMatchObject({ lastSeq: 3, residentUnread: 1, merchantUnread: 2 });
    expect((await conversationRow(s.id)).lastMessageAt?.toISOString()).toBe(c.message.createdAt);
  });

  it("answers a retry with the stored message, stores and announces nothing; another body under the same clientId is IDEMPOTENCY_MISMATCH", async () => {
    const s = await world();
    const input = { conversationId: s.id, clientId: cid(), body: "Une baguette svp" };
    const first = await s.asResident.chat.send(input);
    events.length = 0;
    await expect(s.asResident.chat.send(input)).resolves.toEqual({ message: first.message, isReplay: true });
    // The body is trimmed before comparing: the same message typed with a trailing space.
    await expect(s.asResident.chat.send({ ...input, body: "Une baguette svp  " })).resolves.toMatchObject({ isReplay: true, message: { seq: 1 } });
    expect(events).toEqual([]);
    expect(await messageCount(s.id)).toBe(1);
    expect(await conversationRow(s.id)).toMatchObject({ lastSeq: 1, merchantUnread: 1 });

    await expect(s.asResident.chat.send({ ...input, body: "Deux baguettes svp" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "IDEMPOTENCY_MISMATCH" } });
    // The same clientId in another conversation of the same sender.
    const owner = await makeUser(t.db, ["merchant"], "Other owner");
    const other = await makeShop(owner.id, s.building.id);
    const otherConversation = await s.asResident.chat.start({ shopId: other.id });
    await expect(s.asResident.chat.send({ ...input, conversationId: otherConversation.id })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "IDEMPOTENCY_MISMATCH" } });
    expect(await messageCount(s.id)).toBe(1);
    expect(await messageCount(otherConversation.id)).toBe(0);
    expect(events).toEqual([]);

    // clientIds are per sender: the merchant's client may happen to use the same one.
    await expect(s.asMerchant.chat.send(input)).resolves.toMatchObject({ isReplay: false, message: { seq: 2, side: "merchant" } });
  });

  it("numbers 30 concurrent sends from both sides 1..30 without gaps or duplicates", async () => {
    const s = await world();
    const inputs = Array.from({ length: 30 }, (_, i) => ({ api: i % 2 ? s.asMerchant : s.asResident, input: { conversationId: s.id, clientId: cid(), body: `message ${i}` } }));
    const results = await Promise.allSettled(inputs.map(({ api, input }) => api.chat.send(input)));
    const errors = results.filter((r) => r.status === "rejected").map((r) => String((r).reason));
    expect(errors).toEqual([]);
    const sent = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<TCaller["chat"]["send"]>>>).value);
    expect(sent.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(sent.every((r) => !r.isReplay)).toBe(true);
    // Each answer is the stored row for its own clientId.
    sent.forEach((r, i) => expect(r.message).toMatchObject({ clientId: inputs[i]!.input.clientId, body: `message ${i}`, side: i % 2 ? "merchant" : "resident" }));
    const rows = await t.db.message.findMany({ where: { conversationId: s.id }, orderBy: { seq: "asc" } });
    expect(rows.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(rows.map((m) => m.clientId)).size).toBe(30);
    expect(await conversationRow(s.id)).toMatchObject({ lastSeq: 30, residentUnread: 15, merchantUnread: 15 });
    expect(ofType("chat.message").map((e) => e.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("stores 20 concurrent sends with the same clientId once", async () => {
    const s = await world();
    const input = { conversationId: s.id, clientId: cid(), body: "Vous livrez ce soir ?" };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => s.asResident.chat.send(input)));
    const errors = results.filter((r) => r.status === "rejected").map((r) => String((r).reason));
    expect(errors).toEqual([]);
    const sent = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<TCaller["chat"]["send"]>>>).value);
    expect(new Set(sent.map((r) => r.message.id)).size).toBe(1);
    expect(sent.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(sent.every((r) => r.message.seq === 1)).toBe(true);
    expect(await messageCount(s.id)).toBe(1);
    expect(await conversationRow(s.id)).toMatchObject({ lastSeq: 1, merchantUnread: 1 });
    expect(ofType("chat.message")).toHaveLength(1);
  });

  it("refuses a body over 2000 characters, an empty body without a photo and a malformed clientId (INVALID_INPUT), storing nothing", async () => {
    const s = await world();
    const tooLong = await failure(send(s.asResident, s.id, "x".repeat(MAX_MESSAGE_LENGTH + 1)));
    expect(tooLong.error).toMatchObject({ code: "BAD_REQUEST" });
    expect(tooLong.error.cause).toBeInstanceOf(ZodError);
    expect(tooLong.data).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_INPUT" });
    expect((tooLong.error.cause as ZodError).issues.map((i) => [i.path.join("."), i.message])).toEqual([["body", "tooLong"]]);

    for (const body of ["", "   \n\t "]) {
      const empty = await failure(send(s.asResident, s.id, body));
      expect(empty.data, JSON.stringify(body)).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_INPUT" });
      expect((empty.error.cause as ZodError).issues.map((i) => i.message)).toEqual(["empty"]);
    }
    await expect(s.asResident.chat.send({ conversationId: s.id, clientId: cid() })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asResident.chat.send({ conversationId: s.id, clientId: "short", body: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asResident.chat.send({ conversationId: s.id, clientId: "has spaces in it", body: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await messageCount(s.id)).toBe(0);
    expect(await conversationRow(s.id)).toMatchObject({ lastSeq: 0, merchantUnread: 0, lastMessageAt: null });
    expect(events).toEqual([]);

    // Exactly 2000 characters is fine (and surrounding spaces do not count).
    const longest = await send(s.asResident, s.id, `  ${"y".repeat(MAX_MESSAGE_LENGTH)}  `);
    expect(longest.message.body).toBe("y".repeat(MAX_MESSAGE_LENGTH));
  });

  it("stores HTML and script as plain text, verbatim", async () => {
    const s = await world();
    const body = `<script>alert("x")</script><img src=x onerror=alert(1)> & <b>gras</b> 'é' \u{1F956}`;
    const sent = await send(s.asMerchant, s.id, body);
    expect(sent.message.body).toBe(body);
    expect((await t.db.message.findUniqueOrThrow({ where: { id: sent.message.id } })).body).toBe(body);
    expect((await s.asResident.chat.history({ conversationId: s.id })).messages.map((m) => m.body)).toEqual([body]);
    expect((await s.asResident.chat.list({ as: "resident" })).items[0]!.lastMessage?.body).toBe(body);
  });

  it("accepts only the sender's own photos (PHOTO_INVALID otherwise)", async () => {
    const s = await world();
    const merchantsPhoto = await t.db.photo.create({ data: { ownerId: s.merchant.id, width: 800, height: 600, bytes: 1234 } });
    await expect(send(s.asResident, s.id, "", { photoId: merchantsPhoto.id })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "PHOTO_INVALID" } });
    await expect(send(s.asResident, s.id, "regardez", { photoId: MISSING_ID })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "PHOTO_INVALID" } });
    expect(await messageCount(s.id)).toBe(0);
    expect(events).toEqual([]);

    const own = await t.db.photo.create({ data: { ownerId: s.resident.id, width: 640, height: 480, bytes: 999 } });
    const sent = await send(s.asResident, s.id, "", { photoId: own.id });
    expect(sent.message).toMatchObject({ seq: 1, body: "", photo: { url: `/media/photos/${own.id}.webp`, width: 640, height: 480 } });
    const inbox = await s.asMerchant.chat.list({ as: "merchant" });
    expect(inbox.items[0]!.lastMessage).toMatchObject({ body: "", hasPhoto: true, side: "resident" });
  });

  it("links only an order of this resident with this shop", async () => {
    const s = await world();
    const bobsOrder = await makeOrder(s.shop.id, s.bob.id, s.units[1]!);
    await expect(send(s.asMerchant, s.id, "Votre commande", { orderId: bobsOrder.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await messageCount(s.id)).toBe(0);
    const alices = await makeOrder(s.shop.id, s.resident.id, s.units[0]!);
    const sent = await send(s.asMerchant, s.id, "Votre commande part", { orderId: alices.id });
    expect(sent.message.order).toEqual({ id: alices.id, number: alices.number });
  });

  it("refuses strangers with NOT_FOUND and stores nothing", async () => {
    const s = await world();
    const rival = await makeUser(t.db, ["merchant"], "Rival");
    await makeShop(rival.id, s.building.id, { name: "Rival" });
    for (const api of [s.asStranger, s.asBob, callerFor(t.db, rival, ["merchant"])]) {
      await expect(send(api, s.id, "coucou")).rejects.toMatchObject({ code: "NOT_FOUND", cause: { code: "NOT_FOUND" } });
      await expect(api.chat.history({ conversationId: s.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(api.chat.since({ conversationId: s.id, afterSeq: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(api.chat.get({ id: s.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(api.chat.markRead({ conversationId: s.id, seq: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(api.chat.setBlocked({ conversationId: s.id, blocked: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(send(s.asResident, MISSING_ID, "coucou")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(service.markDelivered(t.db, s.stranger.id, { conversationId: s.id, seq: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await messageCount(s.id)).toBe(0);
    expect(await conversationRow(s.id)).toMatchObject({ lastSeq: 0, residentBlockedAt: null, merchantBlockedAt: null });
    expect(events).toEqual([]);
  });

  it("refuses sending both ways while either side blocks (CHAT_BLOCKED), and again after unblocking", async () => {
    const s = await world();
    await send(s.asResident, s.id, "avant");
    for (const [blocker, other] of [
      [s.asResident, s.asMerchant],
      [s.asMerchant, s.asResident],
    ] as const) {
      events.length = 0;
      await expect(blocker.chat.setBlocked({ conversationId: s.id, blocked: true })).resolves.toEqual({ ok: true, blocked: true });
      expect(events).toEqual([{ type: "chat.changed", conversationId: s.id, userIds: [s.resident.id, s.merchant.id] }]);
      expect(await blocker.chat.get({ id: s.id })).toMatchObject({ blockedByMe: true, blockedByOther: false });
      expect(await other.chat.get({ id: s.id })).toMatchObject({ blockedByMe: false, blockedByOther: true });
      events.length = 0;
      for (const api of [blocker, other]) {
        await expect(send(api, s.id, "pendant")).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "CHAT_BLOCKED" } });
      }
      expect(await messageCount(s.id)).toBe(1);
      expect(await conversationRow(s.id)).toMatchObject({ lastSeq: 1, residentUnread: 0, merchantUnread: 1 });
      expect(ofType("chat.message")).toEqual([]);

      // The other side cannot lift someone else's block.
      await other.chat.setBlocked({ conversationId: s.id, blocked: false });
      await expect(send(other, s.id, "toujours bloqué")).rejects.toMatchObject({ cause: { code: "CHAT_BLOCKED" } });

      events.length = 0;
      await expect(blocker.chat.setBlocked({ conversationId: s.id, blocked: false })).resolves.toEqual({ ok: true, blocked: false });
      expect(events).toEqual([{ type: "chat.changed", conversationId: s.id, userIds: [s.resident.id, s.merchant.id] }]);
      await expect(send(other, s.id, "après")).resolves.toMatchObject({ isReplay: false });
      await expect(send(blocker, s.id, "après aussi")).resolves.toMatchObject({ isReplay: false });
      await t.db.message.deleteMany({ where: { conversationId: s.id, seq: { gt: 1 } } });
      await t.db.conversation.update({ where: { id: s.id }, data: { lastSeq: 1, residentUnread: 0, merchantUnread: 1 } });
    }
  });
});

// ─── The send limit ────────────────────────────────────────────────────────

describe("the send limit", () => {
  it("refuses the message over the limit within 10 s with the seconds to wait; the other user is unaffected", async () => {
    const limit = env().RATE_LIMIT_CHAT_PER_10S;
    const s = await world();
    const sent = [];
    for (let i = 0; i < limit; i++) sent.push(await send(s.asResident, s.id, `n° ${i}`));
    const over = await failure(send(s.asResident, s.id, "one too many"));
    expect(over.error).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "RATE_LIMITED" } });
    expect(over.data).toMatchObject({ appCode: "RATE_LIMITED" });
    const seconds = over.data.params?.seconds;
    expect(typeof seconds).toBe("number");
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(10);
    expect(await messageCount(s.id)).toBe(limit);
    expect((await conversationRow(s.id)).lastSeq).toBe(limit);
    // A retry of a stored message is not a new message: still answered.
    await expect(s.asResident.chat.send({ conversationId: s.id, clientId: sent[0]!.message.clientId, body: "n° 0" })).resolves.toMatchObject({ isReplay: true, message: { seq: 1 } });
    // The merchant (and any other user) still sends.
    await expect(send(s.asMerchant, s.id, "doucement")).resolves.toMatchObject({ message: { seq: limit + 1 } });
    const bobs = await s.asBob.chat.start({ shopId: s.shop.id });
    await expect(send(s.asBob, bobs.id, "bonjour")).resolves.toMatchObject({ message: { seq: 1 } });
  });
});

// ─── Unread counts and receipts ────────────────────────────────────────────

describe("unread counts and receipts", () => {
  it("counts the other side's messages until read; reads move forward only and not past the last message", async () => {
    const s = await world();
    for (const body of ["un", "deux", "trois"]) await send(s.asMerchant, s.id, body);
    await send(s.asResident, s.id, "quatre (mien)");
    expect(await s.asResident.chat.unreadCount()).toEqual({ resident: 3, merchant: 0, total: 3 });
    expect(await s.asMerchant.chat.unreadCount()).toEqual({ resident: 0, merchant: 1, total: 1 });
    expect((await s.asResident.chat.list({ as: "resident" })).items.map((c) => [c.id, c.unread])).toEqual([[s.id, 3]]);

    events.length = 0;
    await expect(s.asResident.chat.markRead({ conversationId: s.id, seq: 2 })).resolves.toEqual({ ok: true });
    expect(await s.asResident.chat.unreadCount()).toEqual({ resident: 1, merchant: 0, total: 1 });
    expect((await s.asResident.chat.list({ as: "resident" })).items[0]!.unread).toBe(1);
    expect(await conversationRow(s.id)).toMatchObject({ residentReadSeq: 2, residentDeliveredSeq: 2, merchantUnread: 1 });
    expect(ofType("chat.receipt")).toEqual([{ type: "chat.receipt", userIds: [s.resident.id, s.merchant.id], receipt: { conversationId: s.id, side: "resident", deliveredSeq: 2, readSeq: 2 } }]);
    expect((await s.asMerchant.chat.get({ id: s.id })).other).toEqual({ deliveredSeq: 2, readSeq: 2 });

    // Lower than what was read: nothing moves, nothing is announced.
    events.length = 0;
    await expect(s.asResident.chat.markRead({ conversationId: s.id, seq: 1 })).resolves.toEqual({ ok: true });
    // Beyond the last message: the same.
    await expect(s.asResident.chat.markRead({ conversationId: s.id, seq: 5 })).resolves.toEqual({ ok: true });
    await expect(s.asResident.chat.markRead({ conversationId: s.id, seq: 1_000_000 })).resolves.toEqual({ ok: true });
    await expect(s.asResident.chat.markRead({ conversationId: s.id, seq: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(events).toEqual([]);
    expect(await conversationRow(s.id)).toMatchObject({ residentReadSeq: 2, residentDeliveredSeq: 2, residentUnread: 1 });

    // Reading the last message (one of the resident's own) clears the count.
    await s.asResident.chat.markRead({ conversationId: s.id, seq: 4 });
    expect(await s.asResident.chat.unreadCount()).toEqual({ resident: 0, merchant: 0, total: 0 });
    await s.asMerchant.chat.markRead({ conversationId: s.id, seq: 4 });
    expect(await s.asMerchant.chat.unreadCount()).toEqual({ resident: 0, merchant: 0, total: 0 });
    expect((await s.asResident.chat.since({ conversationId: s.id, afterSeq: 4 })).other).toEqual({ deliveredSeq: 4, readSeq: 4 });
  });

  it("publishes chat.receipt to both sides for delivered and read, only when they move", async () => {
    const s = await world();
    for (const body of ["a", "b", "c"]) await send(s.asResident, s.id, body);
    events.length = 0;
    const receipt = (deliveredSeq: number, readSeq: number) => ({
      type: "chat.receipt",
      userIds: [s.resident.id, s.merchant.id],
      receipt: { conversationId: s.id, side: "merchant", deliveredSeq, readSeq },
    });
    await expect(service.markDelivered(t.db, s.merchant.id, { conversationId: s.id, seq: 2 })).resolves.toEqual({ ok: true });
    expect(events).toEqual([receipt(2, 0)]);
    expect(await conversationRow(s.id)).toMatchObject({ merchantDeliveredSeq: 2, merchantReadSeq: 0, merchantUnread: 3 });
    events.length = 0;
    await service.markDelivered(t.db, s.merchant.id, { conversationId: s.id, seq: 1 }); // backwards
    await service.markDelivered(t.db, s.merchant.id, { conversationId: s.id, seq: 2 }); // the same
    await service.markDelivered(t.db, s.merchant.id, { conversationId: s.id, seq: 4 }); // not sent yet
    expect(events).toEqual([]);
    expect((await conversationRow(s.id)).merchantDeliveredSeq).toBe(2);

    await service.markRead(t.db, s.merchant.id, { conversationId: s.id, seq: 3 });
    expect(ofType("chat.receipt")).toEqual([receipt(3, 3)]);
    expect(await conversationRow(s.id)).toMatchObject({ merchantDeliveredSeq: 3, merchantReadSeq: 3, merchantUnread: 0, residentDeliveredSeq: 0, residentReadSeq: 0 });
    expect((await s.asResident.chat.get({ id: s.id })).other).toEqual({ deliveredSeq: 3, readSeq: 3 });
  });

  it("keeps the unread count exact when sends race reads", async () => {
    for (let round = 0; round < 3; round++) {
      const s = await world();
      await send(s.asMerchant, s.id, "premier");
      await send(s.asMerchant, s.id, "deuxième");
      const ops: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < 20; i++) ops.push(() => send(i % 10 < 7 ? s.asMerchant : s.asResident, s.id, `m${i}`)); // 14 merchant, 6 resident
      for (let seq = 1; seq <= 20; seq += 2) ops.push(() => s.asResident.chat.markRead({ conversationId: s.id, seq }));
      // Interleave sends and reads.
      const order = ops.map((op, i) => ({ op, k: (i * 7919) % ops.length })).sort((a, b) => a.k - b.k);
      const results = await Promise.allSettled(order.map(({ op }) => op()));
      const errors = results.filter((r) => r.status === "rejected").map((r) => String((r).reason));
      expect(errors).toEqual([]);

      const c = await conversationRow(s.id);
      expect(c.lastSeq).toBe(22);
      expect((await t.db.message.findMany({ where: { conversationId: s.id }, orderBy: { seq: "asc" } })).map((m) => m.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
      expect(c.residentReadSeq).toBeGreaterThanOrEqual(1);
      const trulyUnread = await t.db.message.count({ where: { conversationId: s.id, senderId: s.merchant.id, seq: { gt: c.residentReadSeq } } });
      expect(c.residentUnread, `round ${round}, read to ${c.residentReadSeq}`).toBe(trulyUnread);
      expect(c.merchantUnread).toBe(6);
      await s.asResident.chat.markRead({ conversationId: s.id, seq: 22 });
      expect((await conversationRow(s.id)).residentUnread).toBe(0);
    }
  });
});

// ─── History and catching up ───────────────────────────────────────────────

describe("history and catching up", () => {
  it("pages through 10,000 messages backwards and forwards, quickly", async () => {
    const s = await world();
    const total = 10_000;
    const base = Date.now() - total * 1000;
    for (let from = 1; from <= total; from += 1000) {
      await t.db.message.createMany({
        data: Array.from({ length: 1000 }, (_, i) => {
          const seq = from + i;
          return { conversationId: s.id, seq, senderId: seq % 3 ? s.resident.id : s.merchant.id, clientId: `hist-${String(seq).padStart(5, "0")}`, body: `message ${seq}`, createdAt: new Date(base + seq * 1000) };
        }),
      });
    }
    await t.db.conversation.update({ where: { id: s.id }, data: { lastSeq: total, lastMessageAt: new Date(base + total * 1000) } });

    const newest = await s.asResident.chat.history({ conversationId: s.id });
    expect(newest.hasMore).toBe(true);
    expect(newest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 9951 + i));
    expect(newest.messages.at(-1)).toMatchObject({ body: "message 10000", side: "resident", clientId: "hist-10000" });
    expect(newest.messages.find((m) => m.seq === 9951)).toMatchObject({ side: "merchant" });

    // Scrolling up to the first message, as the merchant.
    const seen: number[] = [...newest.messages.map((m) => m.seq)];
    let before = newest.messages[0]!.seq;
    let hasMore = newest.hasMore;
    let pages = 0;
    while (hasMore) {
      const page = await s.asMerchant.chat.history({ conversationId: s.id, beforeSeq: before, limit: 100 });
      expect(page.messages.length).toBeGreaterThan(0);
      const seqs = page.messages.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs.at(-1)).toBe(before - 1);
      seen.unshift(...seqs);
      before = seqs[0]!;
      hasMore = page.hasMore;
      pages++;
      if (pages > 200) throw new Error("history paging does not end");
    }
    expect(before).toBe(1);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // The last page back ends at seq 1 without more, even when it is exactly full.
    await expect(s.asResident.chat.history({ conversationId: s.id, beforeSeq: 101, limit: 100 })).resolves.toMatchObject({ hasMore: false });
    await expect(s.asResident.chat.history({ conversationId: s.id, beforeSeq: 102, limit: 100 })).resolves.toMatchObject({ hasMore: true });
    await expect(s.asResident.chat.history({ conversationId: s.id, beforeSeq: 1 })).resolves.toEqual({ messages: [], hasMore: false });
    await expect(s.asResident.chat.history({ conversationId: s.id, limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // A page is an index range scan, not a sort of 10,000 rows: it costs about what a page of
    // a 60-message conversation costs, timed in turns so both see the same machine load
    // (an absolute bound failed on a loaded CI machine; a ratio does not depend on it).
    const small = await world();
    await t.db.message.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ conversationId: small.id, seq: i + 1, senderId: small.resident.id, clientId: `small-${i}`, body: `m ${i}`, createdAt: new Date(base + i * 1000) })),
    });
    await t.db.conversation.update({ where: { id: small.id }, data: { lastSeq: 60 } });
    const big: number[] = [];
    const tiny: number[] = [];
    const time = async (list: number[], call: () => Promise<unknown>) => {
      const started = performance.now();
      await call();
      list.push(performance.now() - started);
    };
    for (let i = 0; i < 21; i++) {
      await time(big, () => s.asResident.chat.history({ conversationId: s.id, beforeSeq: 5000 + i * 7 }));
      await time(tiny, () => small.asResident.chat.history({ conversationId: small.id, beforeSeq: 55 }));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[10]!;
    expect(median(big), `medians ${median(big).toFixed(1)} ms (10,000 messages) vs ${median(tiny).toFixed(1)} ms (60)`).toBeLessThan(3 * median(tiny) + 10);

    // Catching up forwards: pages of 200 in order.
    const first = await s.asResident.chat.since({ conversationId: s.id, afterSeq: 0 });
    expect(first.messages.map((m) => m.seq)).toEqual(Array.from({ length: service.SYNC_PAGE }, (_, i) => i + 1));
    expect(first.hasMore).toBe(true);
    expect(first.other).toEqual({ deliveredSeq: 0, readSeq: 0 });
    let after = 9000;
    let rounds = 0;
    const caughtUp: number[] = [];
    for (;;) {
      const page = await s.asResident.chat.since({ conversationId: s.id, afterSeq: after });
      expect(page.messages.length).toBeLessThanOrEqual(service.SYNC_PAGE);
      caughtUp.push(...page.messages.map((m) => m.seq));
      if (!page.hasMore) break;
      expect(page.messages).toHaveLength(service.SYNC_PAGE);
      after = page.messages.at(-1)!.seq;
      if (++rounds > 10) throw new Error("sync paging does not end");
    }
    expect(caughtUp).toEqual(Array.from({ length: 1000 }, (_, i) => 9001 + i));
    // Exactly one page left: no "more".
    await expect(s.asResident.chat.since({ conversationId: s.id, afterSeq: total - service.SYNC_PAGE })).resolves.toMatchObject({ hasMore: false, messages: expect.arrayContaining([expect.objectContaining({ seq: total })]) });
    await expect(s.asResident.chat.since({ conversationId: s.id, afterSeq: total })).resolves.toMatchObject({ messages: [], hasMore: false });
    await expect(s.asResident.chat.since({ conversationId: s.id, afterSeq: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // A new message after bulk history continues the numbering.
    await expect(send(s.asMerchant, s.id, "et un de plus")).resolves.toMatchObject({ message: { seq: total + 1 } });
  }, 60_000);
});

// ─── The inbox ─────────────────────────────────────────────────────────────

describe("the inbox", () => {
  it("lists conversations with messages, newest first, for each side, and nobody else's", async () => {
    const s = await world({ residentName: "Alice Martin" });
    const owner2 = await makeUser(t.db, ["merchant"], "Second owner");
    const shop2 = await makeShop(owner2.id, s.building.id, { name: "Boulangerie" });
    const bobs = await s.asBob.chat.start({ shopId: s.shop.id });
    const alice2 = await s.asResident.chat.start({ shopId: shop2.id });
    const carol = await makeUser(t.db, ["resident"], "Carol");
    await member(carol, s.units[0]!);
    await callerFor(t.db, carol, ["resident"]).chat.start({ shopId: s.shop.id }); // never written in
    // Someone else's world with messages: must never show up.
    const others = await world({ residentName: "Zoé", shopName: "Ailleurs" });
    await service.sendMessage(t.db, others.resident.id, { conversationId: others.id, clientId: cid(), body: "ailleurs" }, noLimit);

    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes));
    const say = (userId: string, conversationId: string, body: string, minutes: number) => service.sendMessage(t.db, userId, { conversationId, clientId: cid(), body }, noLimit, at(minutes));
    await say(s.resident.id, s.id, "Alice à Martin", 1);
    await say(s.bob.id, bobs.id, "Bob à Martin", 2);
    await say(s.resident.id, alice2.id, "Alice à la boulangerie", 3);
    await say(s.merchant.id, s.id, "x".repeat(300), 4); // Martin answers Alice last

    const asMerchant = await s.asMerchant.chat.list({ as: "merchant" });
    expect(asMerchant.nextCursor).toBeNull();
    expect(asMerchant.items.map((c) => [c.id, c.residentName, c.side, c.unread])).toEqual([
      [s.id, "Alice Martin", "merchant", 1],
      [bobs.id, "Bob", "merchant", 1],
    ]);
    expect(asMerchant.items[0]!.lastMessage).toEqual({ body: "x".repeat(140), side: "merchant", hasPhoto: false, createdAt: at(4) });
    expect(asMerchant.items[1]).toMatchObject({ lastSeq: 1, lastMessage: { body: "Bob à Martin", side: "resident" }, shop: { id: s.shop.id, name: "Épicerie Martin" } });

    const asAlice = await s.asResident.chat.list({ as: "resident" });
    expect(asAlice.items.map((c) => [c.id, c.shop.name, c.side, c.unread])).toEqual([
      [s.id, "Épicerie Martin", "resident", 1],
      [alice2.id, "Boulangerie", "resident", 0],
    ]);
    expect(asAlice.items[0]!.shop).toMatchObject({ timeZone: "Europe/Paris", photoUrl: null, isOpen: expect.any(Boolean) });
    expect(asAlice.items[0]!.shop.hours).toHaveLength(7);
    // Alice runs no shop; the merchant writes to no shop as a resident.
    expect((await s.asResident.chat.list({ as: "merchant" })).items).toEqual([]);
    expect((await s.asMerchant.chat.list({ as: "resident" })).items).toEqual([]);
    expect((await callerFor(t.db, carol, ["resident"]).chat.list({ as: "resident" })).items).toEqual([]);
    expect((await s.asStranger.chat.list({ as: "merchant" })).items).toEqual([]);
    const everyone = [...asMerchant.items, ...asAlice.items].map((c) => c.id);
    expect(everyone).not.toContain(others.id);

    // Nothing beyond the declared shape, at every level, from the service as from the API.
    for (const items of [asMerchant.items, asAlice.items, (await service.inbox(t.db, s.merchant.id, { as: "merchant" })).items, (await service.inbox(t.db, s.resident.id, { as: "resident" })).items]) {
      for (const item of items) {
        expect(keyProblems(ZConversation, item)).toEqual([]);
        expect(() => ZConversation.parse(item)).not.toThrow();
        const json = JSON.stringify(item);
        for (const secret of ["@example.test", "email", "passwordHash", "balance", "ownerId", "residentId", s.resident.email, s.merchant.email]) expect(json).not.toContain(secret);
      }
    }
    const one = await service.getConversation(t.db, s.merchant.id, s.id);
    expect(keyProblems(ZConversation, one)).toEqual([]);
  });

  it("pages through many conversations with nextCursor, each exactly once in inbox order (with equal times)", async () => {
    const s = await world();
    const n = 37;
    const residents = await t.db.user.createManyAndReturn({
      data: Array.from({ length: n }, (_, i) => ({ email: `inbox-${randomBytes(5).toString("hex")}@example.test`, name: `Resident ${i}`, passwordHash: "x" })),
      select: { id: true },
    });
    // Four conversations per minute: ties in lastMessageAt are broken by id.
    const conversations = await t.db.conversation.createManyAndReturn({
      data: residents.map((r, i) => ({ shopId: s.shop.id, residentId: r.id, lastSeq: 1, merchantUnread: 1, lastMessageAt: new Date(Date.UTC(2026, 0, 5, 10, Math.floor(i / 4))) })),
      select: { id: true, residentId: true, lastMessageAt: true },
    });
    await t.db.message.createMany({ data: conversations.map((c) => ({ conversationId: c.id, seq: 1, senderId: c.residentId, clientId: `inbox-${c.id}`.slice(0, 64), body: "hello", createdAt: c.lastMessageAt! })) });

    const expected = (await t.db.conversation.findMany({ where: { shopId: s.shop.id, lastSeq: { gt: 0 } }, orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }], select: { id: true } })).map((c) => c.id);
    expect(expected).toHaveLength(n);
    const got: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: Awaited<ReturnType<TCaller["chat"]["list"]>> = await s.asMerchant.chat.list({ as: "merchant", cursor });
      expect(res.items.length).toBeLessThanOrEqual(service.INBOX_PAGE);
      got.push(...res.items.map((c) => c.id));
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(got).toEqual(expected);
    expect(got.slice(0, service.INBOX_PAGE)).toHaveLength(service.INBOX_PAGE);
  });
});

// ─── Reports ───────────────────────────────────────────────────────────────

describe("reports", () => {
  async function reported(s: TWorld) {
    const theirs = await send(s.asMerchant, s.id, "Achetez mes crypto-baguettes");
    const mine = await send(s.asResident, s.id, "Non merci");
    events.length = 0;
    return { theirs: theirs.message, mine: mine.message };
  }

  it("takes a report of the other side's message once; refuses one's own (INVALID_INPUT) and outsiders (NOT_FOUND)", async () => {
    const s = await world();
    const { theirs, mine } = await reported(s);
    await expect(s.asResident.chat.report({ messageId: theirs.id, reason: "scam", note: "  arnaque  " })).resolves.toEqual({ ok: true });
    await expect(s.asResident.chat.report({ messageId: theirs.id, reason: "spam" })).resolves.toEqual({ ok: true });
    const rows = await t.db.messageReport.findMany({ where: { messageId: theirs.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reporterId: s.resident.id, reason: "scam", note: "arnaque", status: "open", reviewedById: null });
    expect(ofType("chat.reported").length).toBeGreaterThanOrEqual(1);

    // The merchant reports the resident's message: a second, separate report.
    await expect(s.asMerchant.chat.report({ messageId: mine.id, reason: "abuse" })).resolves.toEqual({ ok: true });
    await expect(s.asResident.chat.report({ messageId: mine.id, reason: "abuse" })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "INVALID_INPUT" } });
    await expect(s.asMerchant.chat.report({ messageId: theirs.id, reason: "abuse" })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "INVALID_INPUT" } });
    for (const api of [s.asStranger, s.asBob]) {
      await expect(api.chat.report({ messageId: theirs.id, reason: "spam" })).rejects.toMatchObject({ code: "NOT_FOUND", cause: { code: "NOT_FOUND" } });
    }
    await expect(s.asResident.chat.report({ messageId: MISSING_ID, reason: "spam" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asResident.chat.report({ messageId: theirs.id, reason: "boring" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.messageReport.count({ where: { message: { conversationId: s.id } } })).toBe(2);
  });

  it("lists and reviews reports for admins only", async () => {
    const s = await world();
    const { theirs } = await reported(s);
    await s.asResident.chat.report({ messageId: theirs.id, reason: "scam", note: "arnaque" });
    const report = await t.db.messageReport.findFirstOrThrow({ where: { messageId: theirs.id } });

    for (const api of [s.asResident, s.asMerchant, callerFor(t.db, s.resident, ["admin"])]) {
      await expect(api.chat.admin.listReports({ status: "open" })).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "FORBIDDEN" } });
      await expect(api.chat.admin.reviewReport({ id: report.id, status: "dismissed" })).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "FORBIDDEN" } });
    }
    expect((await t.db.messageReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("open");

    const open = await s.asAdmin.chat.admin.listReports({ status: "open" });
    const view = open.find((r) => r.id === report.id);
    expect(view).toEqual({
      id: report.id,
      reason: "scam",
      note: "arnaque",
      status: "open",
      createdAt: report.createdAt,
      reporterName: "Alice",
      message: { id: theirs.id, body: theirs.body, hasPhoto: false, photoUrl: null, createdAt: new Date(theirs.createdAt), side: "merchant", senderName: "Épicerie Martin", personName: "Marchand" },
      residentName: "Alice",
      shop: { id: s.shop.id, name: "Épicerie Martin" },
    });
    expect(JSON.stringify(open)).not.toContain("@example.test");

    events.length = 0;
    await expect(s.asAdmin.chat.admin.reviewReport({ id: report.id, status: "dismissed" })).resolves.toEqual({ ok: true });
    expect(events).toEqual([{ type: "chat.reported" }]);
    expect(await t.db.messageReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "dismissed", reviewedById: s.admin.id, reviewedAt: expect.any(Date) });
    expect((await s.asAdmin.chat.admin.listReports({ status: "open" })).map((r) => r.id)).not.toContain(report.id);
    expect((await s.asAdmin.chat.admin.listReports({ status: "dismissed" })).map((r) => r.id)).toContain(report.id);
    expect((await s.asAdmin.chat.admin.listReports({ status: "all" })).map((r) => r.id)).toContain(report.id);

    await s.asAdmin.chat.admin.reviewReport({ id: report.id, status: "actioned" });
    expect((await s.asAdmin.chat.admin.listReports({ status: "actioned" })).find((r) => r.id === report.id)).toMatchObject({ status: "actioned" });
    await s.asAdmin.chat.admin.reviewReport({ id: report.id, status: "open" });
    expect(await t.db.messageReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "open", reviewedById: null, reviewedAt: null });
    await expect(s.asAdmin.chat.admin.reviewReport({ id: MISSING_ID, status: "dismissed" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

// ─── Found while writing these tests (fixed) ───────────────────────────────

describe("replays and refusals", () => {
  it("a retry under the same clientId with another orderId is IDEMPOTENCY_MISMATCH, not a replay", async () => {
    const s = await world();
    const first = await makeOrder(s.shop.id, s.resident.id, s.units[0]!);
    const second = await makeOrder(s.shop.id, s.resident.id, s.units[0]!);
    const input = { conversationId: s.id, clientId: cid(), body: "Ma commande ?", orderId: first.id };
    await s.asResident.chat.send(input);
    // findReplay compares conversation, body and photo but not the order: the answer is the
    // stored message about `first`, flagged as a replay of a request about `second`.
    await expect(s.asResident.chat.send({ ...input, orderId: second.id })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "IDEMPOTENCY_MISMATCH" } });
  });

  it("sends refused while blocked do not count against the send limit", async () => {
    const s = await world();
    await s.asMerchant.chat.setBlocked({ conversationId: s.id, blocked: true });
    for (let i = 0; i < env().RATE_LIMIT_CHAT_PER_10S; i++) {
      await expect(send(s.asResident, s.id, `bloqué ${i}`)).rejects.toMatchObject({ cause: { code: "CHAT_BLOCKED" } });
    }
    await s.asMerchant.chat.setBlocked({ conversationId: s.id, blocked: false });
    // consumeSend runs before the block (and photo/order) checks, so refusals use up the budget.
    await expect(send(s.asResident, s.id, "enfin")).resolves.toMatchObject({ isReplay: false, message: { seq: 1 } });
  });
});

describe("the notification centre", () => {
  it("hears of the first unread message of a burst only, from the right sender", async () => {
    const s = await world();
    await send(s.asResident, s.id, "un");
    await send(s.asResident, s.id, "deux");
    let mine = await t.db.notification.findMany({ where: { userId: s.merchant.id } });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "chatMessage", link: `/messages/${s.id}` });
    expect(JSON.parse(mine[0]!.params)).toEqual({ from: s.resident.name });
    // Reading the conversation reads its notification too; the next message starts a new burst,
    // which makes the conversation's one entry unread again (grouped per conversation).
    await s.asMerchant.chat.markRead({ conversationId: s.id, seq: 2 });
    expect(await t.db.notification.count({ where: { userId: s.merchant.id, readAt: null } })).toBe(0);
    await send(s.asResident, s.id, "trois");
    mine = await t.db.notification.findMany({ where: { userId: s.merchant.id } });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ groupKey: `chat:${s.id}`, readAt: null, dedupeKey: `chat:${s.id}:3` });
    // The resident is told the shop's name, not the owner's.
    await send(s.asMerchant, s.id, "réponse");
    const theirs = await t.db.notification.findMany({ where: { userId: s.resident.id } });
    expect(theirs.map((n) => JSON.parse(n.params))).toEqual([{ from: s.shop.name }]);
  });
});
