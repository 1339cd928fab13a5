import { afterEach, describe, expect, it } from "vitest";
import { releaseLease, tryLease } from "../jobs/lease";
import { notify } from "../notifications/service";
import { useTestDb } from "../test/hooks";
import { callerFor, makeBuilding, makeUser } from "../test/factories";
import { sendBillReminders } from "./reminders";

const { t, events } = useTestDb();
// Reminders look at every bill in the database: settle each test's bills so the next test
// (at another `now`) sees only its own.
afterEach(async () => {
  await t.db.bill.updateMany({ where: { status: "unpaid" }, data: { status: "paid", paymentMethod: "external" } });
});

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const midnight = (d: Date, offsetDays = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + offsetDays * DAY);

/** Alice and Bob live in A-101 (Carol waits for approval there); Dave lives in A-102. */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id);
  const people = {} as Record<"alice" | "bob" | "carol" | "dave", Awaited<ReturnType<typeof makeUser>>>;
  for (const [name, unit, status] of [
    ["alice", 0, "active"],
    ["bob", 0, "active"],
    ["carol", 0, "pending"],
    ["dave", 1, "active"],
  ] as const) {
    people[name] = await makeUser(t.db, ["resident"], name);
    await t.db.membership.create({ data: { userId: people[name].id, unitId: units[unit]!.id, buildingId: building.id, status, joinedVia: "code" } });
  }
  let n = 0;
  const bill = (unit: number, dueDate: Date, over: { status?: string; amount?: number; kind?: string } = {}) =>
    t.db.bill.create({
      data: {
        buildingId: building.id,
        unitId: units[unit]!.id,
        kind: over.kind ?? "water",
        reference: `R-${++n}`,
        periodStart: midnight(dueDate, -45),
        periodEnd: midnight(dueDate, -15),
        dueDate,
        amount: over.amount ?? 4200,
        currency: "EUR",
        status: over.status ?? "unpaid",
        ...(over.status === "paid" ? { paymentMethod: "external", paidAt: dueDate } : {}),
      },
    });
  return { ...people, building, units, bill };
}

/** Notifications of these users as "kind:reference", sorted. */
async function notes(...userIds: string[]) {
  const rows = await t.db.notification.findMany({ where: { userId: { in: userIds } } });
  return rows.map((r) => `${r.userId}:${r.kind}:${(JSON.parse(r.params) as { reference: string }).reference}`).sort();
}

describe("bill reminders", () => {
  it("reminds each active resident once, up to 3 days before the due date", async () => {
    const s = await setup();
    const now = at("2026-03-10T09:30:00Z");
    const soon = await s.bill(0, midnight(now, 2), { amount: 4321, kind: "gas" });
    const edge = await s.bill(0, midnight(now, 3));
    const today = await s.bill(1, midnight(now, 0));
    const far = await s.bill(0, midnight(now, 4));
    const paid = await s.bill(0, midnight(now, 1), { status: "paid" });

    const { sent } = await sendBillReminders(t.db, now);
    expect(sent).toBe(5);
    const { alice, bob, carol, dave } = s;
    expect(await notes(alice.id, bob.id, carol.id, dave.id)).toEqual(
      [
        `${alice.id}:billDueSoon:${soon.reference}`,
        `${alice.id}:billDueSoon:${edge.reference}`,
        `${bob.id}:billDueSoon:${soon.reference}`,
        `${bob.id}:billDueSoon:${edge.reference}`,
        `${dave.id}:billDueSoon:${today.reference}`,
      ].sort(),
    );
    const note = await t.db.notification.findFirstOrThrow({ where: { userId: alice.id, dedupeKey: `billDueSoon:${soon.id}:${alice.id}` } });
    expect(note).toMatchObject({ kind: "billDueSoon", link: "/bills", readAt: null });
    expect(JSON.parse(note.params)).toEqual({ billKind: "gas", amount: 4321, currency: "EUR", dueDate: "2026-03-12", reference: soon.reference });
    for (const b of [soon, edge, today]) expect((await t.db.bill.findUniqueOrThrow({ where: { id: b.id } })).remindedSoonAt).toEqual(now);
    for (const b of [far, paid]) expect((await t.db.bill.findUniqueOrThrow({ where: { id: b.id } })).remindedSoonAt).toBeNull();
    expect(events.filter((e) => e.type === "notification.created").map((e) => (e as { userId: string }).userId).sort()).toEqual(
      [alice.id, alice.id, bob.id, bob.id, dave.id].sort(),
    );

    // Again the same day: nothing new.
    expect(await sendBillReminders(t.db, now)).toEqual({ sent: 0 });
    expect(await sendBillReminders(t.db, new Date(now.getTime() + 3_600_000))).toEqual({ sent: 0 });
    expect(await notes(alice.id, bob.id, carol.id, dave.id)).toHaveLength(5);
    // The next day the far bill comes into range, and the one due today is overdue.
    expect(await sendBillReminders(t.db, new Date(now.getTime() + DAY))).toEqual({ sent: 3 });
    expect(await sendBillReminders(t.db, new Date(now.getTime() + DAY))).toEqual({ sent: 0 });
    // Three sent, but a bill is one entry per resident (its group): Dave's "due soon" about
    // the bill due yesterday became "overdue", in place, unread again.
    const all = await notes(alice.id, bob.id, carol.id, dave.id);
    expect(all).toHaveLength(7);
    expect(all).toEqual(
      expect.arrayContaining([`${alice.id}:billDueSoon:${far.reference}`, `${bob.id}:billDueSoon:${far.reference}`, `${dave.id}:billOverdue:${today.reference}`]),
    );
    expect(all).not.toContain(`${dave.id}:billDueSoon:${today.reference}`);
    expect(await t.db.notification.findMany({ where: { userId: dave.id }, select: { groupKey: true, readAt: true, dedupeKey: true } })).toEqual([
      { groupKey: `bill:${today.id}`, readAt: null, dedupeKey: `billOverdue:${today.id}:${dave.id}` },
    ]);
  });

  it("sends each reminder once when several runs race", async () => {
    const s = await setup();
    const now = at("2026-04-10T06:00:00Z");
    const bills = [await s.bill(0, midnight(now, 1)), await s.bill(0, midnight(now, 2)), await s.bill(1, midnight(now, -2))];
    const runs = await Promise.all(Array.from({ length: 6 }, () => sendBillReminders(t.db, now)));
    // Two soon bills for Alice and Bob, one overdue bill for Dave.
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(5);
    expect(await notes(s.alice.id, s.bob.id, s.carol.id, s.dave.id)).toEqual(
      [
        `${s.alice.id}:billDueSoon:${bills[0]!.reference}`,
        `${s.alice.id}:billDueSoon:${bills[1]!.reference}`,
        `${s.bob.id}:billDueSoon:${bills[0]!.reference}`,
        `${s.bob.id}:billDueSoon:${bills[1]!.reference}`,
        `${s.dave.id}:billOverdue:${bills[2]!.reference}`,
      ].sort(),
    );
    expect(await t.db.notification.count({ where: { userId: { in: [s.alice.id, s.bob.id, s.dave.id] } } })).toBe(5);
  });

  it("tells residents once when a bill becomes overdue, and never 'due soon' after that", async () => {
    const s = await setup();
    const now = at("2026-05-20T12:00:00Z");
    const remindedBefore = await s.bill(0, midnight(now, 2));
    expect(await sendBillReminders(t.db, now)).toEqual({ sent: 2 });
    // Three days later it is a day late; another bill, imported late, is already overdue.
    const later = new Date(now.getTime() + 3 * DAY);
    const importedLate = await s.bill(1, midnight(later, -10));
    expect(await sendBillReminders(t.db, later)).toEqual({ sent: 3 });
    // "Overdue" took the place of "due soon" in each resident's entry of the bill.
    expect(await notes(s.alice.id, s.bob.id, s.carol.id, s.dave.id)).toEqual(
      [
        `${s.alice.id}:billOverdue:${remindedBefore.reference}`,
        `${s.bob.id}:billOverdue:${remindedBefore.reference}`,
        `${s.dave.id}:billOverdue:${importedLate.reference}`,
      ].sort(),
    );
    const row = await t.db.bill.findUniqueOrThrow({ where: { id: importedLate.id } });
    expect(row.remindedLateAt).toEqual(later);
    expect(row.remindedSoonAt).toEqual(later);
    expect(await sendBillReminders(t.db, later)).toEqual({ sent: 0 });
    expect(await sendBillReminders(t.db, new Date(later.getTime() + 10 * DAY))).toEqual({ sent: 0 });
  });

  it("never reminds about paid bills", async () => {
    const s = await setup();
    const now = at("2026-06-15T08:00:00Z");
    await s.bill(0, midnight(now, 1), { status: "paid" });
    await s.bill(0, midnight(now, -3), { status: "paid" });
    await s.bill(1, midnight(now, -30), { status: "paid" });
    // Paid after it was found due but before the run reached it: the conditional update skips it.
    const paidMeanwhile = await s.bill(1, midnight(now, 2));
    await t.db.bill.update({ where: { id: paidMeanwhile.id }, data: { status: "paid", paymentMethod: "external" } });
    expect(await sendBillReminders(t.db, now)).toEqual({ sent: 0 });
    expect(await sendBillReminders(t.db, new Date(now.getTime() + 5 * DAY))).toEqual({ sent: 0 });
    expect(await notes(s.alice.id, s.bob.id, s.carol.id, s.dave.id)).toEqual([]);
  });
});

describe("notifications", () => {
  it("lists, counts and marks read only the caller's own", async () => {
    const s = await setup();
    const now = at("2026-07-01T10:00:00Z");
    const bill = await s.bill(0, midnight(now, 1), { amount: 1999 });
    await sendBillReminders(t.db, now);
    await notify(t.db, [{ userId: s.alice.id, kind: "chatMessage", params: { from: "first" }, ref: "c1", dedupeKey: `custom:${s.alice.id}` }]);
    // The same dedupe key again is skipped.
    expect(await notify(t.db, [{ userId: s.alice.id, kind: "chatMessage", params: { from: "second" }, ref: "c1", dedupeKey: `custom:${s.alice.id}` }])).toBe(0);

    const asAlice = callerFor(t.db, s.alice, ["resident"]);
    const asBob = callerFor(t.db, s.bob, ["resident"]);
    const list = await asAlice.notifications.list();
    expect(list.unread).toBe(2);
    expect(list.items.map((i) => i.kind).sort()).toEqual(["billDueSoon", "chatMessage"]);
    const reminder = list.items.find((i) => i.kind === "billDueSoon")!;
    expect(reminder).toMatchObject({ isRead: false, link: "/bills", params: { amount: 1999, reference: bill.reference, billKind: "water", currency: "EUR" } });
    expect(list.items.find((i) => i.kind === "chatMessage")).toMatchObject({ params: { from: "first" }, link: "/messages/c1" });
    expect(await asAlice.notifications.unreadCount()).toBe(2);
    expect(await asBob.notifications.unreadCount()).toBe(1);
    expect(await callerFor(t.db, s.carol, ["resident"]).notifications.list()).toEqual({ unread: 0, nextCursor: null, items: [] });

    // Bob cannot mark Alice's as read.
    expect(await asBob.notifications.markRead({ ids: list.items.map((i) => i.id) })).toEqual({ count: 0 });
    expect(await asAlice.notifications.unreadCount()).toBe(2);

    events.length = 0;
    expect(await asAlice.notifications.markRead({ ids: [reminder.id] })).toEqual({ count: 1 });
    expect(events).toEqual([{ type: "notification.created", userId: s.alice.id, alert: false }]);
    expect(await asAlice.notifications.markRead({ ids: [reminder.id] })).toEqual({ count: 0 });
    expect((await asAlice.notifications.list()).items.find((i) => i.id === reminder.id)!.isRead).toBe(true);
    expect(await asAlice.notifications.unreadCount()).toBe(1);
    expect(await asAlice.notifications.markRead({ ids: "all" })).toEqual({ count: 1 });
    expect(await asAlice.notifications.unreadCount()).toBe(0);
    expect(await asBob.notifications.unreadCount()).toBe(1);

    const anon = callerFor(t.db, null);
    await expect(anon.notifications.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.notifications.unreadCount()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.notifications.markRead({ ids: "all" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("job lease", () => {
  it("lets one holder at a time run, until the lease expires", async () => {
    const now = at("2026-08-01T00:00:00Z");
    const ttl = 60_000;
    const plus = (ms: number) => new Date(now.getTime() + ms);
    expect(await tryLease(t.db, "reminders", "a", ttl, now)).toBe(true);
    expect(await tryLease(t.db, "reminders", "b", ttl, plus(1))).toBe(false);
    // The holder renews, which pushes expiry on.
    expect(await tryLease(t.db, "reminders", "a", ttl, plus(30_000))).toBe(true);
    expect(await tryLease(t.db, "reminders", "b", ttl, plus(ttl + 1))).toBe(false);
    expect(await tryLease(t.db, "reminders", "b", ttl, plus(30_000 + ttl))).toBe(false); // exactly at expiry
    // Expired: b takes over and a is out.
    expect(await tryLease(t.db, "reminders", "b", ttl, plus(30_000 + ttl + 1))).toBe(true);
    expect(await tryLease(t.db, "reminders", "a", ttl, plus(30_000 + ttl + 2))).toBe(false);
    expect(await t.db.jobLease.findUniqueOrThrow({ where: { name: "reminders" } })).toMatchObject({ holder: "b", expiresAt: plus(30_000 + 2 * ttl + 1) });
    // Another job's lease is independent.
    expect(await tryLease(t.db, "other-job", "a", ttl, plus(30_000 + ttl + 2))).toBe(true);
    // Only the holder can release it.
    await releaseLease(t.db, "reminders", "a");
    expect(await tryLease(t.db, "reminders", "a", ttl, plus(30_000 + ttl + 3))).toBe(false);
    await releaseLease(t.db, "reminders", "b");
    expect(await tryLease(t.db, "reminders", "a", ttl, plus(30_000 + ttl + 3))).toBe(true);
  });

  it("gives a free or expired lease to exactly one of many racing holders", async () => {
    const now = at("2026-09-01T00:00:00Z");
    const holders = Array.from({ length: 10 }, (_, i) => `instance-${i}`);
    const first = await Promise.all(holders.map((h) => tryLease(t.db, "race", h, 1000, now)));
    expect(first.filter(Boolean)).toHaveLength(1);
    const winner = holders[first.indexOf(true)]!;
    expect((await t.db.jobLease.findUniqueOrThrow({ where: { name: "race" } })).holder).toBe(winner);

    const later = new Date(now.getTime() + 5000);
    const others = holders.filter((h) => h !== winner);
    const second = await Promise.all(others.map((h) => tryLease(t.db, "race", h, 1000, later)));
    expect(second.filter(Boolean)).toHaveLength(1);
    expect((await t.db.jobLease.findUniqueOrThrow({ where: { name: "race" } })).holder).toBe(others[second.indexOf(true)]);
  });
});
