import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import { SandboxProvider, type PaymentProvider, type TIntentStatus } from "../payments/provider";
import { confirmIntent, topUp } from "../payments/service";
import { handlePaymentWebhook } from "../payments/webhook";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";

const { t, events } = useTestDb();

const key = () => randomUUID();
const balance = async (userId: string) => (await t.db.ledgerAccount.findUnique({ where: { userId } }))?.balance ?? 0;

async function person(name = "Alice") {
  const user = await makeUser(t.db, ["resident"], name);
  return { user, api: callerFor(t.db, user, ["resident"]) };
}

/** A provider whose payments are settled later (by confirmIntent or its webhook). */
class LaterProvider implements PaymentProvider {
  readonly isSandbox = false;
  created = 0;
  constructor(
    readonly id = "laterpay",
    private readonly answer: TIntentStatus = "pending",
  ) {}
  async createIntent(intent: { id: string }) {
    this.created++;
    return { providerRef: `lp_${intent.id}`, status: this.answer, redirectUrl: `https://pay.example/checkout/${intent.id}`, failureReason: this.answer === "failed" ? "card declined" : undefined };
  }
  parseWebhook(): never {
    throw new Error("not used");
  }
}

describe("top-ups with the sandbox", () => {
  it("credits the wallet at once and tells the owner", async () => {
    const { user, api } = await person();
    expect(await api.wallet.get()).toEqual({ balance: 0, currency: "EUR", provider: { id: "sandbox", isSandbox: true } });
    const res = await api.wallet.topUp({ amount: 2500, idempotencyKey: key() });
    expect(res).toMatchObject({ status: "succeeded", amount: 2500, redirectUrl: null });
    expect(res.transactionId).toEqual(expect.any(String));
    expect(await api.wallet.get()).toMatchObject({ balance: 2500 });
    expect(events).toEqual([{ type: "wallet.changed", userId: user.id }]);
    const intent = await t.db.paymentIntent.findUniqueOrThrow({ where: { id: res.intentId } });
    expect(intent).toMatchObject({ userId: user.id, provider: "sandbox", status: "succeeded", amount: 2500, transactionId: res.transactionId });
    expect(intent.confirmedAt).toBeInstanceOf(Date);
  });

  it("credits once per key, however often and however fast it is sent", async () => {
    const { user, api } = await person();
    const idempotencyKey = key();
    const first = await api.wallet.topUp({ amount: 1000, idempotencyKey });
    events.length = 0;
    await expect(api.wallet.topUp({ amount: 1000, idempotencyKey })).resolves.toMatchObject({ intentId: first.intentId, transactionId: first.transactionId, status: "succeeded" });
    expect(await balance(user.id)).toBe(1000);
    expect(events).toEqual([]);
    await expect(api.wallet.topUp({ amount: 1001, idempotencyKey })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "IDEMPOTENCY_MISMATCH" } });
    expect(await balance(user.id)).toBe(1000);

    // Twins arriving while the first is still being confirmed may answer "pending"; none
    // fails, and the money arrives once.
    const racing = key();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => api.wallet.topUp({ amount: 700, idempotencyKey: racing })));
    const statuses = results.map((r) => (r.status === "fulfilled" ? r.value.status : String(r.reason)));
    expect(statuses.filter((x) => x !== "succeeded" && x !== "pending")).toEqual([]);
    expect(statuses).toContain("succeeded");
    const values = results.map((r) => (r as PromiseFulfilledResult<{ intentId: string; transactionId: string | null }>).value);
    expect(new Set(values.map((v) => v.intentId)).size).toBe(1);
    expect(new Set(values.map((v) => v.transactionId).filter(Boolean)).size).toBe(1);
    expect(await balance(user.id)).toBe(1700);
    const settled = await api.wallet.topUp({ amount: 700, idempotencyKey: racing });
    expect(settled).toMatchObject({ status: "succeeded", intentId: values[0]!.intentId });
    expect(values.map((v) => v.transactionId)).toContain(settled.transactionId);
    expect(await t.db.paymentIntent.count({ where: { userId: user.id } })).toBe(2);
    expect(events.filter((e) => e.type === "wallet.changed")).toHaveLength(1);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("refuses amounts out of bounds and bad keys", async () => {
    const { user, api } = await person();
    for (const amount of [99, 200_001, 100.5, 0, -500]) {
      await expect(api.wallet.topUp({ amount, idempotencyKey: key() })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(api.wallet.topUp({ amount: 1000, idempotencyKey: "bad key!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await balance(user.id)).toBe(0);
    expect(await t.db.paymentIntent.count({ where: { userId: user.id } })).toBe(0);
    await api.wallet.topUp({ amount: 100, idempotencyKey: key() });
    await api.wallet.topUp({ amount: 200_000, idempotencyKey: key() });
    expect(await balance(user.id)).toBe(200_100);
  });

  it("says payments are unavailable when no provider is configured", async () => {
    const { user } = await person();
    await expect(topUp(t.db, user.id, { amount: 1000, idempotencyKey: key() }, null)).rejects.toMatchObject({ code: "PAYMENTS_UNAVAILABLE" });
    expect(await t.db.paymentIntent.count({ where: { userId: user.id } })).toBe(0);
    expect(await balance(user.id)).toBe(0);
  });
});

describe("top-ups settled later", () => {
  it("stays pending until confirmed, then credits once however many confirmations race", async () => {
    const { user, api } = await person();
    const provider = new LaterProvider();
    const idempotencyKey = key();
    const res = await topUp(t.db, user.id, { amount: 4200, idempotencyKey }, provider);
    expect(res).toMatchObject({ status: "pending", amount: 4200, transactionId: null, redirectUrl: `https://pay.example/checkout/${res.intentId}` });
    expect(await balance(user.id)).toBe(0);
    // Asking again does not register a second intent with the provider.
    await expect(topUp(t.db, user.id, { amount: 4200, idempotencyKey }, provider)).resolves.toMatchObject({ intentId: res.intentId, status: "pending" });
    expect(provider.created).toBe(1);
    expect(events).toEqual([]);

    const ref = `lp_${res.intentId}`;
    await expect(confirmIntent(t.db, provider.id, ref, "pending")).resolves.toMatchObject({ status: "pending", isChanged: false });
    const two = await Promise.all([confirmIntent(t.db, provider.id, ref, "succeeded"), confirmIntent(t.db, provider.id, ref, "succeeded")]);
    expect(two.map((r) => r.isChanged).sort()).toEqual([false, true]);
    expect(two.every((r) => r.status === "succeeded")).toBe(true);
    const ten = await Promise.all(Array.from({ length: 10 }, () => confirmIntent(t.db, provider.id, ref, "succeeded")));
    expect(ten.filter((r) => r.isChanged)).toHaveLength(0);
    expect(await balance(user.id)).toBe(4200);
    expect(await t.db.ledgerTransaction.count({ where: { scope: `intent:${res.intentId}` } })).toBe(1);
    expect(events).toEqual([{ type: "wallet.changed", userId: user.id }]);

    const intent = await t.db.paymentIntent.findUniqueOrThrow({ where: { id: res.intentId } });
    expect(intent.status).toBe("succeeded");
    expect(intent.transactionId).toEqual(expect.any(String));
    await expect(api.wallet.getReceipt({ id: intent.transactionId! })).resolves.toMatchObject({ kind: "topup", amount: 4200, provider: "laterpay" });
    // A late "failed" cannot undo it.
    await expect(confirmIntent(t.db, provider.id, ref, "failed")).resolves.toMatchObject({ status: "succeeded", isChanged: false });
    expect(await balance(user.id)).toBe(4200);
  });

  it("credits 10 racing confirmations of a fresh intent once", async () => {
    const { user } = await person();
    const provider = new LaterProvider();
    const res = await topUp(t.db, user.id, { amount: 999, idempotencyKey: key() }, provider);
    const all = await Promise.all(Array.from({ length: 10 }, () => confirmIntent(t.db, provider.id, `lp_${res.intentId}`, "succeeded")));
    expect(all.filter((r) => r.isChanged)).toHaveLength(1);
    expect(await balance(user.id)).toBe(999);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("credits nothing for a failed or canceled payment, even if a success follows", async () => {
    const { user } = await person();
    const provider = new LaterProvider();
    const a = await topUp(t.db, user.id, { amount: 1500, idempotencyKey: key() }, provider);
    await expect(confirmIntent(t.db, provider.id, `lp_${a.intentId}`, "failed", "card declined")).resolves.toMatchObject({ status: "failed", isChanged: true });
    await expect(confirmIntent(t.db, provider.id, `lp_${a.intentId}`, "succeeded")).resolves.toMatchObject({ status: "failed", isChanged: false });
    const b = await topUp(t.db, user.id, { amount: 1600, idempotencyKey: key() }, provider);
    await expect(confirmIntent(t.db, provider.id, `lp_${b.intentId}`, "canceled")).resolves.toMatchObject({ status: "canceled", isChanged: true });
    expect(await balance(user.id)).toBe(0);
    expect(await t.db.paymentIntent.findUniqueOrThrow({ where: { id: a.intentId } })).toMatchObject({ status: "failed", failureReason: "card declined", transactionId: null });
    // A provider that declines at once.
    const declined = await topUp(t.db, user.id, { amount: 1700, idempotencyKey: key() }, new LaterProvider("laterpay", "failed"));
    expect(declined).toMatchObject({ status: "failed", transactionId: null });
    expect(await balance(user.id)).toBe(0);
    await expect(confirmIntent(t.db, provider.id, "lp_unknown", "succeeded")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the payment webhook", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? "";
      const prefix = "/api/payments/webhook/";
      if (!url.startsWith(prefix)) {
        res.writeHead(404).end();
        return;
      }
      void handlePaymentWebhook(t.db, req, res, decodeURIComponent(url.slice(prefix.length)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/webhook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (provider: string, body: string, signature: string | null, method = "POST") =>
    fetch(`${base}/${provider}`, {
      method,
      headers: { "content-type": "application/json", ...(signature === null ? {} : { "x-sandbox-signature": signature }) },
      ...(method === "POST" ? { body } : {}),
    });

  /** A pending top-up registered under the sandbox's id, as a real checkout would leave it. */
  async function pendingSandboxIntent(amount: number) {
    const { user } = await person();
    const res = await topUp(t.db, user.id, { amount, idempotencyKey: key() }, new LaterProvider("sandbox"));
    expect(res.status).toBe("pending");
    return { user, ref: `lp_${res.intentId}`, intentId: res.intentId };
  }

  it("rejects calls without a valid signature and credits nothing", async () => {
    const { user, ref, intentId } = await pendingSandboxIntent(3000);
    const body = JSON.stringify({ providerRef: ref, status: "succeeded" });
    for (const signature of [null, "", "0".repeat(64), SandboxProvider.sign(body + " "), SandboxProvider.sign(body).toUpperCase()]) {
      const res = await send("sandbox", body, signature);
      expect(res.status, String(signature)).toBe(400);
    }
    // A valid signature over another body does not carry over.
    const other = JSON.stringify({ providerRef: ref, status: "succeeded", amount: 1 });
    expect((await send("sandbox", body, SandboxProvider.sign(other))).status).toBe(400);
    expect(await balance(user.id)).toBe(0);
    expect((await t.db.paymentIntent.findUniqueOrThrow({ where: { id: intentId } })).status).toBe("pending");
  });

  it("credits a signed success once, even when it arrives five times at once", async () => {
    const { user, ref, intentId } = await pendingSandboxIntent(3000);
    const body = JSON.stringify({ providerRef: ref, status: "succeeded" });
    const signature = SandboxProvider.sign(body);
    const replies = await Promise.all(Array.from({ length: 5 }, () => send("sandbox", body, signature)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const payloads = (await Promise.all(replies.map((r) => r.json()))) as { intentId: string; status: string; isChanged: boolean }[];
    expect(payloads.every((p) => p.intentId === intentId && p.status === "succeeded")).toBe(true);
    expect(payloads.filter((p) => p.isChanged)).toHaveLength(1);
    expect(await balance(user.id)).toBe(3000);
    expect(events.filter((e) => e.type === "wallet.changed")).toEqual([{ type: "wallet.changed", userId: user.id }]);
    // And again later: still once.
    expect((await send("sandbox", body, signature)).status).toBe(200);
    expect(await balance(user.id)).toBe(3000);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("records a signed failure without crediting", async () => {
    const { user, ref, intentId } = await pendingSandboxIntent(1200);
    const body = JSON.stringify({ providerRef: ref, status: "failed" });
    const res = await send("sandbox", body, SandboxProvider.sign(body));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ intentId, status: "failed", isChanged: true });
    expect(await balance(user.id)).toBe(0);
  });

  it("answers 404 for an unknown payment or provider, 400 for a bad body and 405 for GET", async () => {
    const unknown = JSON.stringify({ providerRef: "sbx_nothing", status: "succeeded" });
    expect((await send("sandbox", unknown, SandboxProvider.sign(unknown))).status).toBe(404);
    expect((await send("stripe", unknown, SandboxProvider.sign(unknown))).status).toBe(404);
    for (const bad of ["not json", JSON.stringify({ providerRef: "x", status: "pending" }), JSON.stringify({ status: "succeeded" })]) {
      expect((await send("sandbox", bad, SandboxProvider.sign(bad))).status, bad).toBe(400);
    }
    expect((await send("sandbox", "", null, "GET")).status).toBe(405);
  });
});

describe("history and receipts", () => {
  async function withMovements({ refund: isRefunded = true } = {}) {
    const { user, api } = await person("Alice");
    const manager = await makeUser(t.db, ["manager"], "Manager");
    const { building, units } = await makeBuilding(t.db, manager.id);
    await t.db.membership.create({ data: { userId: user.id, unitId: units[0]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
    const asManager = callerFor(t.db, manager, ["manager"]);
    const bill = await asManager.bills.manage.issue({ unitId: units[0]!.id, kind: "heating", reference: "H-1", periodStart: "2026-01-01", periodEnd: "2026-01-31", dueDate: "2026-02-15", amount: 1800 });
    const ups = [];
    for (const amount of [1000, 2000, 3000]) ups.push(await api.wallet.topUp({ amount, idempotencyKey: key() }));
    const payment = await api.bills.pay({ billIds: [bill.id], idempotencyKey: key() });
    const refund = isRefunded ? (await asManager.bills.manage.refund({ billId: bill.id, idempotencyKey: key() })).transactionId : "";
    return { user, api, billId: bill.id, ups: ups.map((u) => u.transactionId!), payment: payment.transactionId, refund };
  }

  it("lists movements newest first, signed, with what they were", async () => {
    const paid = await withMovements({ refund: false });
    expect((await paid.api.wallet.history({})).items.map((i) => [i.id, i.kind, i.amount, i.detail])).toEqual([
      [paid.payment, "bill_payment", -1800, "heating"],
      [paid.ups[2], "topup", 3000, "sandbox"],
      [paid.ups[1], "topup", 2000, "sandbox"],
      [paid.ups[0], "topup", 1000, "sandbox"],
    ]);

    const { api, billId, ups, payment, refund } = await withMovements();
    const { items, nextCursor } = await api.wallet.history({});
    expect(nextCursor).toBeNull();
    expect(items.map((i) => [i.id, i.kind, i.amount])).toEqual([
      [refund, "refund", 1800],
      [payment, "bill_payment", -1800],
      [ups[2], "topup", 3000],
      [ups[1], "topup", 2000],
      [ups[0], "topup", 1000],
    ]);
    expect(items[0]!.detail).toBe(`bill:${billId}`);
    // The refunded payment still says what it paid for.
    expect(items[1]!.detail).toBe("heating");
    expect(items.slice(2).map((i) => i.detail)).toEqual(["sandbox", "sandbox", "sandbox"]);
    expect(items.every((i) => i.currency === "EUR")).toBe(true);
    expect((await api.wallet.history({ kind: "topup" })).items.map((i) => i.id)).toEqual([ups[2], ups[1], ups[0]]);
    expect((await api.wallet.history({ kind: "bill_payment" })).items.map((i) => i.id)).toEqual([payment]);
    expect((await api.wallet.history({ kind: "transfer" })).items).toEqual([]);
  });

  it("filters by day, both ends included", async () => {
    const { user, api, ups, payment, refund } = await withMovements();
    const wallet = await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: user.id } });
    const at: [string, string][] = [
      [ups[0]!, "2026-01-10T08:00:00.000Z"],
      [ups[1]!, "2026-02-01T00:00:00.000Z"],
      [ups[2]!, "2026-02-10T23:59:59.000Z"],
      [payment, "2026-02-11T00:00:00.000Z"],
      [refund, "2026-03-05T12:00:00.000Z"],
    ];
    for (const [transactionId, when] of at) await t.db.ledgerEntry.updateMany({ where: { transactionId, accountId: wallet.id }, data: { createdAt: new Date(when) } });
    const ids = async (input: { from?: string; to?: string }) => (await api.wallet.history(input)).items.map((i) => i.id);
    expect(await ids({ from: "2026-02-01", to: "2026-02-10" })).toEqual([ups[2], ups[1]]);
    expect(await ids({ from: "2026-02-11" })).toEqual([refund, payment]);
    expect(await ids({ to: "2026-01-31" })).toEqual([ups[0]]);
    expect(await ids({ from: "2026-03-06" })).toEqual([]);
    expect((await api.wallet.history({ from: "2026-02-01", to: "2026-02-28", kind: "topup" })).items.map((i) => i.id)).toEqual([ups[2], ups[1]]);
    await expect(api.wallet.history({ from: "1 Feb 2026" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("pages with a cursor without gaps or repeats", async () => {
    const { user, api } = await person();
    for (let i = 1; i <= 7; i++) await api.wallet.topUp({ amount: 100 * i, idempotencyKey: key() });
    const all = (await api.wallet.history({})).items.map((i) => i.amount);
    expect(all).toEqual([700, 600, 500, 400, 300, 200, 100]);
    const pages: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await api.wallet.history({ limit: 3, cursor });
      pages.push(page.items.map((i) => i.amount));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([[700, 600, 500], [400, 300, 200], [100]]);
    expect(await balance(user.id)).toBe(2800);
  });

  it("shows a receipt for the owner's movements only", async () => {
    const { user, api, ups, payment } = await withMovements();
    const receipt = await api.wallet.getReceipt({ id: ups[1]! });
    expect(receipt).toMatchObject({ id: ups[1], kind: "topup", amount: 2000, currency: "EUR", holderName: "Alice", provider: "sandbox", bills: [], refundOf: null, refunds: [] });
    expect(receipt.number).toBe(`Q-${ups[1]!.slice(-10).toUpperCase()}`);
    const pay = await api.wallet.getReceipt({ id: payment });
    expect(pay).toMatchObject({ kind: "bill_payment", amount: -1800, provider: null });
    expect(pay.refunds).toHaveLength(1);

    const { api: mallory } = await person("Mallory");
    await mallory.wallet.topUp({ amount: 500, idempotencyKey: key() });
    for (const id of [ups[1]!, payment, MISSING_ID]) {
      await expect(mallory.wallet.getReceipt({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(callerFor(t.db, null).wallet.getReceipt({ id: ups[1]! })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await mallory.wallet.history({})).items.map((i) => i.amount)).toEqual([500]);
    expect(await balance(user.id)).toBe(6000);
  });
});
