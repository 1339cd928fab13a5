// The notification centre (issue 14): preferences per kind (locked kinds always delivered),
// quiet hours that hold back only the live alert of what is not urgent, entries grouped and
// updated in place (race-safe), bill reminders marked done when the bill is paid, pages,
// and the procedures for every role.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sendBillReminders } from "../bills/reminders";
import { callerFor, makeBuilding, makeUser } from "../test/factories";
import { useTestDb } from "../test/hooks";
import type { TRole } from "../auth/roles";
import { NOTIFICATION_KIND_NAMES } from "./kinds";
import { isQuietAt, notify } from "./service";

const { t, events } = useTestDb();

const chat = (userId: string, from = "Épicerie", ref = "conv1") => ({ userId, kind: "chatMessage" as const, params: { from }, ref });
const order = (userId: string, status: string, groupKey?: string) => ({
  userId,
  kind: "orderStatus" as const,
  params: { shop: "Épicerie", number: 7, status, amount: 1250, currency: "EUR" },
  ...(groupKey ? { groupKey } : {}),
});
const urgent = (userId: string) => ({ userId, kind: "urgentNotice" as const, params: { title: "Coupure d'eau", building: "Les Canuts", category: "water", reminder: 0 }, ref: "n1" });
const alerts = (userId: string) => events.filter((e) => e.type === "notification.created" && e.userId === userId).map((e) => (e as { alert: boolean }).alert);

async function resident(roles: TRole[] = ["resident"]) {
  const user = await makeUser(t.db, roles);
  return { user, api: callerFor(t.db, user, roles) };
}

describe("preferences per kind", () => {
  it("lists every kind with its default, and which are locked", async () => {
    const { api } = await resident();
    const prefs = await api.notifications.preferences();
    expect(prefs.kinds.map((k) => k.kind)).toEqual(NOTIFICATION_KIND_NAMES);
    const of = (kind: string) => prefs.kinds.find((k) => k.kind === kind)!;
    expect(of("chatMessage")).toEqual({ kind: "chatMessage", enabled: true, locked: false, urgent: false, defaultOn: true });
    // Money movements and urgent notices cannot be switched off.
    for (const kind of ["billOverdue", "orderStatus", "repairBooking", "repairRequest", "urgentNotice"]) expect(of(kind)).toMatchObject({ enabled: true, locked: true });
    expect(of("urgentNotice").urgent).toBe(true);
    expect(prefs.quietHours).toBeNull();
    expect(prefs.timeZone).toBe("Europe/Paris");
  });

  it("a kind switched off is written read, not announced live, not counted; switched on again it is", async () => {
    const { user, api } = await resident();
    await expect(api.notifications.setPreference({ kind: "chatMessage", enabled: false })).resolves.toEqual({ kind: "chatMessage", enabled: false });
    expect((await api.notifications.preferences()).kinds.find((k) => k.kind === "chatMessage")!.enabled).toBe(false);
    events.length = 0;
    expect(await notify(t.db, [chat(user.id)])).toBe(1);
    expect(alerts(user.id)).toEqual([]);
    expect(await api.notifications.unreadCount()).toBe(0);
    const list = await api.notifications.list();
    expect(list.unread).toBe(0);
    expect(list.items).toEqual([expect.objectContaining({ kind: "chatMessage", isRead: true })]);
    // Back to the default: the row goes, and the kind is delivered again.
    await api.notifications.setPreference({ kind: "chatMessage", enabled: true });
    expect(await t.db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
    await notify(t.db, [chat(user.id, "Boulangerie")]);
    expect(alerts(user.id)).toEqual([true]);
    expect(await api.notifications.unreadCount()).toBe(1);
  });

  it("refuses to switch off a locked kind, and writes nothing", async () => {
    const { user, api } = await resident();
    for (const kind of ["billOverdue", "orderStatus", "urgentNotice"] as const) {
      await expect(api.notifications.setPreference({ kind, enabled: false })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "NOTIFICATION_LOCKED", params: { kind } } });
    }
    expect(await t.db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
    // Even a row that says otherwise (written behind the service's back) does not silence them.
    await t.db.notificationPreference.create({ data: { userId: user.id, kind: "orderStatus", enabled: false } });
    events.length = 0;
    await notify(t.db, [order(user.id, "accepted"), urgent(user.id)]);
    expect(alerts(user.id)).toEqual([true]);
    expect(await api.notifications.unreadCount()).toBe(2);
  });

  it("one read of the preferences per batch, each recipient by their own", async () => {
    const [a, b] = [await resident(), await resident()];
    await b.api.notifications.setPreference({ kind: "chatMessage", enabled: false });
    events.length = 0;
    expect(await notify(t.db, [chat(a.user.id), chat(b.user.id), order(b.user.id, "accepted")])).toBe(3);
    expect([await a.api.notifications.unreadCount(), await b.api.notifications.unreadCount()]).toEqual([1, 1]);
    expect(alerts(a.user.id)).toEqual([true]);
    // b is told (the order), once for the batch.
    expect(alerts(b.user.id)).toEqual([true]);
  });

  it("bad input is refused and changes nothing", async () => {
    const { user, api } = await resident();
    await expect(api.notifications.setPreference({ kind: "nope" as never, enabled: false })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.notifications.setPreference({ kind: "chatMessage", enabled: "no" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.notifications.setQuietHours({ from: "25:00", to: "07:00" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.notifications.setQuietHours({ from: "22:00", to: "22:00" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.notifications.setQuietHours({ from: "22:00", to: "07:00", timeZone: "Mars/Olympus" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.notifications.list({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
    expect(await t.db.notificationSettings.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("quiet hours", () => {
  it("across midnight, hold back the alert of what is not urgent, never the notification", async () => {
    const { user, api } = await resident();
    await expect(api.notifications.setQuietHours({ from: "22:00", to: "07:00" })).resolves.toEqual({ quietHours: { from: "22:00", to: "07:00" }, timeZone: "Europe/Paris" });
    // Paris is UTC+1 in January.
    const cases: [string, boolean][] = [
      ["2027-01-12T20:59:00Z", true], // 21:59
      ["2027-01-12T21:00:00Z", false], // 22:00
      ["2027-01-12T23:30:00Z", false], // 00:30
      ["2027-01-13T05:59:00Z", false], // 06:59
      ["2027-01-13T06:00:00Z", true], // 07:00
      ["2027-01-13T11:00:00Z", true], // 12:00
    ];
    for (const [iso, alert] of cases) {
      events.length = 0;
      await notify(t.db, [chat(user.id)], new Date(iso));
      expect([iso, alerts(user.id)]).toEqual([iso, [alert]]);
    }
    // Written and unread all the same.
    expect(await api.notifications.unreadCount()).toBe(cases.length);
    // Urgent comes through, at 00:30 too; so does anything urgent in a batch with the rest.
    events.length = 0;
    await notify(t.db, [urgent(user.id)], new Date("2027-01-12T23:30:00Z"));
    await notify(t.db, [chat(user.id), urgent(user.id)], new Date("2027-01-12T23:31:00Z"));
    expect(alerts(user.id)).toEqual([true, true]);
    // Off again: everything alerts.
    await api.notifications.setQuietHours(null);
    expect((await api.notifications.preferences()).quietHours).toBeNull();
    events.length = 0;
    await notify(t.db, [chat(user.id)], new Date("2027-01-12T23:30:00Z"));
    expect(alerts(user.id)).toEqual([true]);
  });

  it("in the person's time zone: their building's unless they chose one", async () => {
    const manager = await makeUser(t.db, ["manager"]);
    const { building, units } = await makeBuilding(t.db, manager.id);
    await t.db.building.update({ where: { id: building.id }, data: { timeZone: "America/New_York" } });
    const ny = await resident();
    await t.db.membership.create({ data: { userId: ny.user.id, unitId: units[0]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
    const paris = await resident();
    expect((await ny.api.notifications.preferences()).timeZone).toBe("America/New_York");
    expect((await ny.api.notifications.setQuietHours({ from: "22:00", to: "07:00" })).timeZone).toBe("America/New_York");
    await paris.api.notifications.setQuietHours({ from: "22:00", to: "07:00" });
    // 23:00 UTC in January: 18:00 in New York, midnight in Paris.
    events.length = 0;
    await notify(t.db, [chat(ny.user.id), chat(paris.user.id)], new Date("2027-01-12T23:00:00Z"));
    expect([alerts(ny.user.id), alerts(paris.user.id)]).toEqual([[true], [false]]);
    // A zone chosen explicitly wins, and is kept when the hours change.
    await paris.api.notifications.setQuietHours({ from: "13:00", to: "14:00", timeZone: "Asia/Tokyo" });
    await paris.api.notifications.setQuietHours({ from: "13:00", to: "14:30" });
    expect(await paris.api.notifications.preferences()).toMatchObject({ quietHours: { from: "13:00", to: "14:30" }, timeZone: "Asia/Tokyo" });
  });

  it("isQuietAt: same-day windows, spans over midnight, none", () => {
    const q = (quietFrom: number | null, quietTo: number | null) => ({ quietFrom, quietTo, timeZone: "UTC" });
    const at = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00Z`);
    expect([isQuietAt(q(780, 840), at("12:59")), isQuietAt(q(780, 840), at("13:00")), isQuietAt(q(780, 840), at("13:59")), isQuietAt(q(780, 840), at("14:00"))]).toEqual([false, true, true, false]);
    expect([isQuietAt(q(1320, 420), at("23:59")), isQuietAt(q(1320, 420), at("00:00")), isQuietAt(q(1320, 420), at("12:00"))]).toEqual([true, true, false]);
    expect([isQuietAt(null, at("23:00")), isQuietAt(q(null, null), at("23:00"))]).toEqual([false, false]);
  });
});

describe("grouped entries", () => {
  it("the steps of one order are one entry, updated in place and unread again", async () => {
    const { user, api } = await resident();
    const t0 = new Date("2027-02-01T10:00:00Z");
    await notify(t.db, [order(user.id, "accepted", "order:o1")], t0);
    await notify(t.db, [chat(user.id)], new Date(t0.getTime() + 60_000));
    await api.notifications.markRead({ ids: "all" });
    await notify(t.db, [order(user.id, "delivered", "order:o1")], new Date(t0.getTime() + 120_000));
    const rows = await t.db.notification.findMany({ where: { userId: user.id, kind: "orderStatus" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ groupKey: "order:o1", readAt: null, createdAt: t0, updatedAt: new Date(t0.getTime() + 120_000) });
    expect(JSON.parse(rows[0]!.params)).toMatchObject({ status: "delivered" });
    // Latest change first: the order's entry is back on top, unread.
    const list = await api.notifications.list();
    expect(list.items.map((i) => [i.kind, i.isRead])).toEqual([
      ["orderStatus", false],
      ["chatMessage", true],
    ]);
    // Reading it does not move it (read marks are not changes of content).
    await api.notifications.markRead({ ids: [list.items[0]!.id] });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: list.items[0]!.id } })).updatedAt).toEqual(new Date(t0.getTime() + 120_000));
    // Another person's entry of the same group is their own.
    const other = await resident();
    await notify(t.db, [order(other.user.id, "accepted", "order:o1")]);
    expect(await t.db.notification.count({ where: { groupKey: "order:o1" } })).toBe(2);
  });

  it("concurrent notifications of one group end as one row", async () => {
    const [a, b] = [await resident(), await resident()];
    const statuses = ["accepted", "out_for_delivery", "delivered"];
    const written = await Promise.all(
      Array.from({ length: 12 }, (_, i) => notify(t.db, [order(a.user.id, statuses[i % 3]!, "order:race"), order(b.user.id, statuses[i % 3]!, "order:race")])),
    );
    expect(written.reduce((s, n) => s + n, 0)).toBe(24);
    expect(await t.db.notification.count({ where: { userId: a.user.id } })).toBe(1);
    expect(await t.db.notification.count({ where: { userId: b.user.id } })).toBe(1);
    // Within one batch, the last of a group wins.
    await notify(t.db, [order(a.user.id, "accepted", "order:batch"), order(a.user.id, "delivered", "order:batch")]);
    const row = await t.db.notification.findFirstOrThrow({ where: { userId: a.user.id, groupKey: "order:batch" } });
    expect(JSON.parse(row.params)).toMatchObject({ status: "delivered" });
  });

  it("a step already told (same dedupe key) is skipped, even grouped", async () => {
    const { user } = await resident();
    const step = { ...order(user.id, "accepted", "order:d1"), dedupeKey: `order:d1:accepted:${user.id}` };
    expect(await Promise.all(Array.from({ length: 6 }, () => notify(t.db, [step])))).toContain(1);
    expect(await notify(t.db, [step])).toBe(0);
    expect(await t.db.notification.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("self-clearing bill reminders", () => {
  async function billWorld() {
    const manager = await makeUser(t.db, ["manager"]);
    const { building, units } = await makeBuilding(t.db, manager.id);
    const [alice, bob, dave] = [await resident(), await resident(), await resident()];
    for (const [who, unit] of [
      [alice, 0],
      [bob, 0],
      [dave, 1],
    ] as const) {
      await t.db.membership.create({ data: { userId: who.user.id, unitId: units[unit]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
    }
    const bill = (unit: number, reference: string) =>
      t.db.bill.create({
        data: { buildingId: building.id, unitId: units[unit]!.id, kind: "water", reference, periodStart: new Date("2026-09-01"), periodEnd: new Date("2026-09-30"), dueDate: new Date("2026-11-01"), amount: 4200, currency: "EUR", status: "unpaid" },
      });
    return { manager, alice, bob, dave, bill, asManager: callerFor(t.db, manager, ["manager"]) };
  }

  it("paying a bill from the wallet marks its reminders done and read for every resident of the unit", async () => {
    const s = await billWorld();
    const ref = `W-${randomUUID().slice(0, 8)}`;
    const [mine, theirs] = [await s.bill(0, ref), await s.bill(1, `${ref}-2`)];
    await sendBillReminders(t.db, new Date("2026-11-05T08:00:00Z"));
    expect(await s.bob.api.notifications.unreadCount()).toBe(1);
    await s.alice.api.wallet.topUp({ amount: 10_000, idempotencyKey: randomUUID() });
    events.length = 0;
    await s.alice.api.bills.pay({ billIds: [mine.id], idempotencyKey: randomUUID() });
    for (const who of [s.alice, s.bob]) {
      const list = await who.api.notifications.list();
      expect(list.unread).toBe(0);
      expect(list.items).toEqual([expect.objectContaining({ kind: "billOverdue", isDone: true, isRead: true })]);
      expect(alerts(who.user.id)).toEqual([false]);
    }
    // Dave's unit's bill is not paid: his reminder stays.
    expect((await s.dave.api.notifications.list()).items).toEqual([expect.objectContaining({ isDone: false, isRead: false })]);
    void theirs;
    // Paying again is refused and changes nothing; a refund makes the bill unpaid: not done any more, still read.
    await expect(s.alice.api.bills.pay({ billIds: [mine.id], idempotencyKey: randomUUID() })).rejects.toMatchObject({ cause: { code: "BILL_ALREADY_PAID" } });
    await s.asManager.bills.manage.refund({ billId: mine.id, idempotencyKey: randomUUID() });
    for (const who of [s.alice, s.bob]) expect((await who.api.notifications.list()).items).toEqual([expect.objectContaining({ isDone: false, isRead: true })]);
  });

  it("a payment recorded by the manager clears them too; a read reminder keeps its read time", async () => {
    const s = await billWorld();
    const b = await s.bill(1, `X-${randomUUID().slice(0, 8)}`);
    await sendBillReminders(t.db, new Date("2026-11-05T08:00:00Z"));
    const before = await t.db.notification.findFirstOrThrow({ where: { userId: s.dave.user.id } });
    await s.dave.api.notifications.markRead({ ids: [before.id] });
    const readAt = (await t.db.notification.findUniqueOrThrow({ where: { id: before.id } })).readAt;
    await s.asManager.bills.manage.recordExternalPayment({ billId: b.id });
    const after = await t.db.notification.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.doneAt).toBeInstanceOf(Date);
    expect(after.readAt).toEqual(readAt);
    expect(after.updatedAt).toEqual(before.updatedAt);
  });
});

describe("the list", () => {
  it("pages by 50, latest change first, with no entry twice", async () => {
    const { user, api } = await resident();
    const t0 = Date.parse("2027-04-01T08:00:00Z");
    for (let i = 0; i < 55; i++) await notify(t.db, [chat(user.id, `n${i}`)], new Date(t0 + i * 1000));
    const first = await api.notifications.list();
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.params.from).toBe("n54");
    expect(first.nextCursor).not.toBeNull();
    const second = await api.notifications.list({ cursor: first.nextCursor });
    expect(second.items.map((i) => i.params.from)).toEqual(["n4", "n3", "n2", "n1", "n0"]);
    expect(second.nextCursor).toBeNull();
    expect(first.unread).toBe(55);
    // A cursor that is not one is the first page.
    expect((await api.notifications.list({ cursor: "garbage" })).items).toHaveLength(50);
  });
});

describe("procedures, by role", () => {
  it("every role has its own centre; nobody reads or marks another's", async () => {
    const people = await Promise.all((["resident", "merchant", "manager", "admin"] as TRole[]).map((role) => resident([role])));
    for (const p of people) await notify(t.db, [chat(p.user.id, "x")]);
    for (const p of people) {
      expect(await p.api.notifications.unreadCount()).toBe(1);
      const list = await p.api.notifications.list();
      expect(list.items).toHaveLength(1);
      await expect(p.api.notifications.setPreference({ kind: "promotion", enabled: false })).resolves.toEqual({ kind: "promotion", enabled: false });
      await expect(p.api.notifications.setQuietHours({ from: "21:30", to: "06:45" })).resolves.toMatchObject({ quietHours: { from: "21:30", to: "06:45" } });
    }
    const [res, merchant] = people;
    const theirs = (await res!.api.notifications.list()).items[0]!.id;
    expect(await merchant!.api.notifications.markRead({ ids: [theirs] })).toEqual({ count: 0 });
    expect(await res!.api.notifications.unreadCount()).toBe(1);
    expect(await merchant!.api.notifications.markRead({ ids: "all" })).toEqual({ count: 1 });
    expect(await res!.api.notifications.unreadCount()).toBe(1);
  });

  it("without a session, every procedure is UNAUTHORIZED", async () => {
    const anon = callerFor(t.db, null).notifications;
    for (const call of [
      () => anon.list(),
      () => anon.unreadCount(),
      () => anon.markRead({ ids: "all" }),
      () => anon.preferences(),
      () => anon.setPreference({ kind: "chatMessage", enabled: false }),
      () => anon.setQuietHours(null),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect(await t.db.notificationSettings.count({ where: { userId: "" } })).toBe(0);
  });
});
