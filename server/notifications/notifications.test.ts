// notify(), the one writer of notifications: typed kinds, links from the registry, batches
// written once per dedupe key even when callers race.
import { describe, expect, it } from "vitest";
import { makeUser } from "../test/factories";
import { useTestDb } from "../test/hooks";
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_NAMES } from "./kinds";
import { markReadAbout, notify } from "./service";

const { t, events } = useTestDb();

describe("notify()", () => {
  it("writes a batch in one go, skipping keys already sent and keys repeated in the batch", async () => {
    const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
    const chat = (userId: string, key: string, from: string) => ({ userId, kind: "chatMessage" as const, params: { from }, ref: "conv1", dedupeKey: key });
    expect(await notify(t.db, [chat(a.id, "k1", "one")])).toBe(1);
    expect(await notify(t.db, [chat(a.id, "k1", "again"), chat(a.id, "k2", "two"), chat(a.id, "k2", "twice"), chat(b.id, "k3", "three"), { userId: b.id, kind: "orderStatus", params: { shop: "Épicerie", number: 4, status: "accepted", amount: 1200, currency: "EUR" } }])).toBe(3);
    const rows = await t.db.notification.findMany({ where: { userId: { in: [a.id, b.id] } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.dedupeKey, JSON.parse(r.params) as unknown, r.link])).toEqual(
      expect.arrayContaining([
        ["k1", { from: "one" }, "/messages/conv1"],
        ["k2", { from: "two" }, "/messages/conv1"],
        ["k3", { from: "three" }, "/messages/conv1"],
        [null, { shop: "Épicerie", number: 4, status: "accepted", amount: 1200, currency: "EUR" }, "/orders"],
      ]),
    );
    expect(rows).toHaveLength(4);
    expect(events.filter((e) => e.type === "notification.created").map((e) => (e as { userId: string }).userId).sort()).toEqual([a.id, a.id, b.id].sort());
  });

  it("writes a key once when callers race", async () => {
    const a = await makeUser(t.db);
    const counts = await Promise.all(Array.from({ length: 12 }, () => notify(t.db, [{ userId: a.id, kind: "billOverdue", params: { billKind: "water", amount: 100, currency: "EUR", dueDate: "2026-11-01", reference: "W-1" }, dedupeKey: `race:${a.id}` }])));
    expect(counts.reduce((s, n) => s + n, 0)).toBe(1);
    expect(await t.db.notification.count({ where: { userId: a.id } })).toBe(1);
  });

  it("refuses params that do not fit the kind, and writes nothing", async () => {
    const a = await makeUser(t.db);
    await expect(notify(t.db, [{ userId: a.id, kind: "chatMessage", params: { from: 12 } as never }])).rejects.toThrow();
    expect(await t.db.notification.count({ where: { userId: a.id } })).toBe(0);
  });

  it("marks read what a kind said about one thing only", async () => {
    const a = await makeUser(t.db);
    await notify(t.db, [
      { userId: a.id, kind: "chatMessage", params: { from: "x" }, ref: "c1", dedupeKey: `m1:${a.id}` },
      { userId: a.id, kind: "chatMessage", params: { from: "y" }, ref: "c2", dedupeKey: `m2:${a.id}` },
    ]);
    expect(await markReadAbout(t.db, a.id, "chatMessage", "c1")).toBe(1);
    expect(await t.db.notification.count({ where: { userId: a.id, readAt: null } })).toBe(1);
  });

  it("declares every kind with a link and a switch-off rule", () => {
    for (const name of NOTIFICATION_KIND_NAMES) {
      expect(NOTIFICATION_KINDS[name].link("x")).toMatch(/^\//);
      expect(typeof NOTIFICATION_KINDS[name].canSwitchOff).toBe("boolean");
    }
  });
});
