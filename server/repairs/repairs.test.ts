// Repair booking (issue 13): holds and bookings that the database keeps from overlapping,
// deposits through the ledger, the status machine, and who sees what. Runs on SQLite and
// PostgreSQL (the race tests are the point).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";
import type { TServiceSettings } from "./schema";
import * as svc from "./service";

const { t, events } = useTestDb();
const key = () => randomUUID();
type TUser = Awaited<ReturnType<typeof makeUser>>;

// Monday 4 March 2030, 08:00 in Paris (UTC+1).
const NOW = new Date("2030-03-04T07:00:00Z");
const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;

const settings = (over: Partial<TServiceSettings> = {}): TServiceSettings => ({
  calloutFeeCents: 3500,
  depositCents: 2000,
  mode: "exact",
  windowCapacity: 1,
  stepMinutes: 30,
  bufferMinutes: 0,
  minNoticeMinutes: 60,
  horizonDays: 14,
  cancelCutoffMinutes: 120,
  categories: [
    { category: "plumbing", durationMinutes: 60 },
    { category: "heating", durationMinutes: 120 },
    { category: "vehicle", durationMinutes: 60 },
  ],
  hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opens: "08:00", closes: "12:00" },
    { weekday, opens: "14:00", closes: "18:00" },
  ]),
  exceptions: [],
  ...over,
});

async function member(user: TUser, unit: { id: string; buildingId: string }) {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status: "active", joinedVia: "code" } });
}

async function fund(user: TUser, cents: number) {
  await callerFor(t.db, user, ["resident"]).wallet.topUp({ amount: cents, idempotencyKey: key() });
}

/** A building with residents, a second building, and an approved plumber serving the first only. */
async function setup(over: Partial<TServiceSettings> = {}, residents = 2) {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const doors = Array.from({ length: Math.max(residents, 2) }, (_, i) => ({ staircase: "A", floor: 1, door: String(100 + i) }));
  const { building, units } = await makeBuilding(t.db, manager.id, doors);
  const { units: otherUnits } = await makeBuilding(t.db, manager.id, [{ staircase: "Z", floor: 0, door: "1" }]);
  const people: TUser[] = [];
  for (let i = 0; i < residents; i++) {
    const u = await makeUser(t.db, ["resident"], `Resident ${i}`);
    await member(u, units[i]!);
    people.push(u);
  }
  const stranger = await makeUser(t.db, ["resident"], "Stranger");
  await member(stranger, otherUnits[0]!);
  const owner = await makeUser(t.db, ["merchant"], "Plombier");
  const rival = await makeUser(t.db, ["merchant"], "Rival");
  const shop = await t.db.shop.create({
    data: { ownerId: owner.id, name: "Plomberie Dupont", category: "other", kind: "repairer", status: "approved", timeZone: "Europe/Paris", buildings: { create: { buildingId: building.id } } },
  });
  await svc.saveService(t.db, owner.id, shop.id, settings(over));
  return { building, units, people, stranger, owner, rival, shop, serviceId: shop.id };
}

const taken = { code: "SLOT_TAKEN" };

describe("settings", () => {
  it("are saved and read back by their owner only", async () => {
    const { owner, rival, shop } = await setup();
    const mine = await callerFor(t.db, owner, ["merchant"]).repairs.manage.getService({ shopId: shop.id });
    expect(mine.settings?.categories.map((c) => c.category)).toEqual(["heating", "plumbing", "vehicle"]);
    await expect(callerFor(t.db, rival, ["merchant"]).repairs.manage.getService({ shopId: shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, rival, ["merchant"]).repairs.manage.updateService({ shopId: shop.id, settings: settings() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuse a job length that is not a whole number of grid steps, and hours off the 5-minute grid", async () => {
    const { owner, shop } = await setup();
    const api = callerFor(t.db, owner, ["merchant"]).repairs.manage;
    await expect(api.updateService({ shopId: shop.id, settings: settings({ categories: [{ category: "plumbing", durationMinutes: 45 }] }) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.updateService({ shopId: shop.id, settings: settings({ hours: [{ weekday: 1, opens: "08:03", closes: "12:00" }] }) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const still = await api.getService({ shopId: shop.id });
    expect(still.settings?.categories).toHaveLength(3);
  });
});

describe("finding a repairer", () => {
  it("lists repairers serving the resident's building with their next slots, in the building's zone", async () => {
    const { people, stranger } = await setup();
    const list = await svc.listRepairers(t.db, people[0]!.id, "plumbing", NOW);
    expect(list).toHaveLength(1);
    // Notice of an hour: 09:00 is the first start; 60-minute jobs on a 30-minute grid.
    expect(list[0]!.nextSlots.map((s) => s.display.starts.time)).toEqual(["09:00", "09:30", "10:00"]);
    expect(list[0]!.depositCents).toBe(2000);
    expect(await svc.listRepairers(t.db, stranger.id, "plumbing", NOW)).toEqual([]);
    expect(await svc.listRepairers(t.db, people[0]!.id, "locksmith", NOW)).toEqual([]);
  });

  it("does not list a repairer that is not approved, nor let anyone hold its slots", async () => {
    const { people, shop, serviceId } = await setup();
    await t.db.shop.update({ where: { id: shop.id }, data: { status: "suspended" } });
    expect(await svc.listRepairers(t.db, people[0]!.id, "plumbing", NOW)).toEqual([]);
    await expect(svc.hold(t.db, people[0]!.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T09:00:00Z") }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("holds", () => {
  it("a held slot is not offered to others, is shown to its holder, and frees itself when it lapses", async () => {
    const { people, serviceId } = await setup();
    const [a, b] = people as [TUser, TUser];
    const ten = at("2030-03-04T09:00:00Z"); // 10:00 Paris
    await svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: ten }, NOW);
    const forB = await svc.listSlots(t.db, b.id, { serviceId, category: "plumbing" }, NOW);
    // B may not start at 09:30 (overlaps until 10:30), 10:00 or 10:30 (overlaps 10:00–11:00).
    expect(forB.slots.slice(0, 2).map((s) => s.display.starts.time)).toEqual(["09:00", "11:00"]);
    const forA = await svc.listSlots(t.db, a.id, { serviceId, category: "plumbing" }, NOW);
    expect(forA.slots.slice(0, 3).map((s) => s.display.starts.time)).toEqual(["09:00", "09:30", "10:00"]);
    await expect(svc.hold(t.db, b.id, { serviceId, category: "plumbing", startsAt: ten }, NOW)).rejects.toMatchObject(taken);

    // Eleven minutes later A's hold has lapsed: B gets the slot, and A's booking is refused.
    const later = new Date(NOW.getTime() + minutes(svc.HOLD_MINUTES + 1));
    const hb = await svc.hold(t.db, b.id, { serviceId, category: "plumbing", startsAt: ten }, later);
    expect(hb.holdId).toBeTruthy();
    const ha = await t.db.repairBooking.findFirstOrThrow({ where: { residentId: a.id } });
    await expect(svc.book(t.db, a.id, { holdId: ha.id, unitId: (await unitOf(a)).id, description: "Leaking tap", photoIds: [], vehicle: null, idempotencyKey: key() }, later)).rejects.toMatchObject(
      taken,
    );
  });

  it("a new hold with the same repairer lets the previous one go", async () => {
    const { people, serviceId } = await setup();
    const [a, b] = people as [TUser, TUser];
    await svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T08:00:00Z") }, NOW);
    await svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T13:00:00Z") }, NOW);
    await expect(svc.hold(t.db, b.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T08:00:00Z") }, NOW)).resolves.toBeTruthy();
  });

  it("refuses a start that is not a slot, too soon, or beyond the horizon, saying which", async () => {
    const { people, serviceId } = await setup();
    const a = people[0]!;
    await expect(svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T08:10:00Z") }, NOW)).rejects.toMatchObject({ code: "SLOT_UNAVAILABLE", params: { reason: "not-a-slot" } });
    await expect(svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T07:30:00Z") }, NOW)).rejects.toMatchObject({ code: "SLOT_UNAVAILABLE", params: { reason: "too-soon" } });
    await expect(svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: at("2030-04-01T07:00:00Z") }, NOW)).rejects.toMatchObject({ code: "SLOT_UNAVAILABLE", params: { reason: "beyond-horizon" } });
  });
});

async function unitOf(u: TUser) {
  const m = await t.db.membership.findFirstOrThrow({ where: { userId: u.id, status: "active" } });
  return { id: m.unitId };
}

async function holdAndBook(u: TUser, serviceId: string, startsAt: Date, category: "plumbing" | "heating" = "plumbing", now = NOW) {
  const h = await svc.hold(t.db, u.id, { serviceId, category, startsAt }, now);
  return svc.book(t.db, u.id, { holdId: h.holdId, unitId: (await unitOf(u)).id, description: "The kitchen tap leaks", photoIds: [], vehicle: null, idempotencyKey: key() }, now);
}

describe("booking", () => {
  it("takes the deposit in the same transaction, once even when replayed, and tells the repairer", async () => {
    const { people, serviceId, owner, shop } = await setup();
    const a = people[0]!;
    await fund(a, 10_000);
    const h = await svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T08:00:00Z") }, NOW);
    const input = { holdId: h.holdId, unitId: (await unitOf(a)).id, description: "The kitchen tap leaks", photoIds: [], vehicle: null, idempotencyKey: key() };
    const booked = await svc.book(t.db, a.id, input, NOW);
    expect(booked).toMatchObject({ status: "requested", depositCents: 2000, side: "resident" });
    const again = await svc.book(t.db, a.id, input, NOW);
    expect(again.id).toBe(booked.id);
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: a.id } })).balance).toBe(8_000);
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { shopId: shop.id } })).balance).toBe(2_000);
    expect((await checkLedger(t.db)).isOk).toBe(true);
    expect(await t.db.notification.count({ where: { userId: owner.id, kind: "repairRequest" } })).toBe(1);
    expect(events.some((e) => e.type === "repair.changed" && e.ownerId === owner.id)).toBe(true);
  });

  it("without enough money in the wallet, books nothing and keeps the hold", async () => {
    const { people, serviceId } = await setup();
    const a = people[0]!;
    const h = await svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T08:00:00Z") }, NOW);
    await expect(svc.book(t.db, a.id, { holdId: h.holdId, unitId: (await unitOf(a)).id, description: "The kitchen tap leaks", photoIds: [], vehicle: null, idempotencyKey: key() }, NOW)).rejects.toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    expect((await t.db.repairBooking.findUniqueOrThrow({ where: { id: h.holdId } })).status).toBe("held");
  });

  it("asks for the vehicle for a vehicle repair, and refuses someone else's photos or unit", async () => {
    const { people, serviceId, stranger } = await setup({ depositCents: 0 });
    const a = people[0]!;
    const h = await svc.hold(t.db, a.id, { serviceId, category: "vehicle", startsAt: at("2030-03-04T08:00:00Z") }, NOW);
    const base = { holdId: h.holdId, unitId: (await unitOf(a)).id, description: "It will not start", photoIds: [] as string[], vehicle: null, idempotencyKey: key() };
    await expect(svc.book(t.db, a.id, base, NOW)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const photo = await t.db.photo.create({ data: { ownerId: stranger.id, width: 1, height: 1, bytes: 1 } });
    await expect(svc.book(t.db, a.id, { ...base, vehicle: { make: "Renault", model: "Clio", plate: "AB-123-CD", location: "Street, in front" }, photoIds: [photo.id] }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(svc.book(t.db, a.id, { ...base, unitId: (await unitOf(stranger)).id, vehicle: { make: "R", model: "C", plate: "AB", location: "here" } }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const ok = await svc.book(t.db, a.id, { ...base, vehicle: { make: "Renault", model: "Clio", plate: "AB-123-CD", location: "Street, in front" } }, NOW);
    expect(ok.vehicle?.plate).toBe("AB-123-CD");
  });
});

describe("never double-booked, by the database", () => {
  it("20 residents racing for one slot: one hold and one booking, the rest told it was taken, one deposit", async () => {
    const { people, serviceId, shop } = await setup({}, 20);
    for (const p of people) await fund(p, 5_000);
    const nine = at("2030-03-04T08:00:00Z");
    const results = await Promise.allSettled(people.map((p) => holdAndBook(p, serviceId, nine)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject(taken);
    expect(await t.db.repairBooking.count({ where: { serviceId, status: "requested" } })).toBe(1);
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { shopId: shop.id } })).balance).toBe(2_000);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("bookings of different lengths that would overlap: one wins, whichever", async () => {
    const { people, serviceId } = await setup({ depositCents: 0 }, 10);
    // A two-hour heating job at 09:00 and one-hour plumbing jobs at 09:30, 10:00 and 10:30 all overlap it.
    const starts = ["2030-03-04T08:00:00Z", "2030-03-04T08:30:00Z", "2030-03-04T09:00:00Z", "2030-03-04T09:30:00Z"];
    const results = await Promise.allSettled(
      people.map((p, i) => (i % 4 === 0 ? holdAndBook(p, serviceId, at(starts[0]!), "heating") : holdAndBook(p, serviceId, at(starts[i % 4]!), "plumbing"))),
    );
    const rows = await t.db.repairBooking.findMany({ where: { serviceId, status: "requested" }, orderBy: { startsAt: "asc" } });
    expect(rows.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(rows.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.endsAt.getTime());
  });

  it("the buffer between jobs holds under a race too", async () => {
    const { people, serviceId } = await setup({ depositCents: 0, bufferMinutes: 30 }, 2);
    const [a, b] = people as [TUser, TUser];
    // 15:00 and 16:00 Paris, an afternoon with room on either side.
    const r = await Promise.allSettled([holdAndBook(a, serviceId, at("2030-03-04T14:00:00Z")), holdAndBook(b, serviceId, at("2030-03-04T15:00:00Z"))]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    // Either may win (PostgreSQL runs them truly at once). The loser's job must keep 30 minutes
    // clear of the winner's: right against it is refused, 30 minutes away is fine.
    const aWon = r[0].status === "fulfilled";
    const loser = aWon ? b : a;
    const against = aWon ? "2030-03-04T15:00:00Z" : "2030-03-04T14:00:00Z";
    const afterBuffer = aWon ? "2030-03-04T15:30:00Z" : "2030-03-04T13:30:00Z";
    await expect(holdAndBook(loser, serviceId, at(against))).rejects.toMatchObject(taken);
    await expect(holdAndBook(loser, serviceId, at(afterBuffer))).resolves.toBeTruthy();
  });

  it("an arrival window takes as many bookings as its capacity, racing", async () => {
    const { people, serviceId } = await setup({ depositCents: 0, mode: "window", windowCapacity: 2 }, 6);
    const window = at("2030-03-04T13:00:00Z"); // 14:00–18:00 Paris
    const results = await Promise.allSettled(people.map((p) => holdAndBook(p, serviceId, window)));
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(2);
    const seats = await t.db.repairSlotClaim.findMany({ where: { serviceId, cellAt: window } });
    expect(seats.map((s) => s.seat).sort()).toEqual([0, 1]);
  });
});

describe("the status machine", () => {
  it("requested → confirmed → in progress → done, then rated once; each step tells the other side", async () => {
    const { people, serviceId, owner } = await setup();
    const a = people[0]!;
    await fund(a, 5_000);
    const b = await holdAndBook(a, serviceId, at("2030-03-04T08:00:00Z"));
    const repairer = callerFor(t.db, owner, ["merchant"]).repairs.manage;
    await svc.confirm(t.db, owner.id, b.id, NOW);
    await expect(svc.start(t.db, owner.id, b.id, NOW)).resolves.toMatchObject({ status: "in_progress" });
    await expect(repairer.complete({ id: b.id, note: "Replaced the washer", finalPriceCents: 6500 })).resolves.toMatchObject({ status: "done", finalPriceCents: 6500 });
    const api = callerFor(t.db, a, ["resident"]).repairs;
    await expect(api.rate({ id: b.id, rating: 5, comment: "Quick and clean" })).resolves.toMatchObject({ rating: 5 });
    await expect(api.rate({ id: b.id, rating: 1, comment: "" })).rejects.toMatchObject({ code: "CONFLICT" });
    // The resident was told of each step in one entry for the booking, updated in place.
    const told = await t.db.notification.findMany({ where: { userId: a.id, kind: "repairBooking" } });
    expect(told.map((n) => [n.groupKey, JSON.parse(n.params).status, n.readAt])).toEqual([[`repair:${b.id}`, "done", null]]);
    const listed = await svc.listRepairers(t.db, people[1]!.id, "plumbing", NOW);
    expect(listed[0]!.rating).toEqual({ average: 5, count: 1 });
  });

  it("a declined request gives the deposit back and frees the slot", async () => {
    const { people, serviceId, owner, shop } = await setup();
    const [a, b] = people as [TUser, TUser];
    await fund(a, 5_000);
    await fund(b, 5_000);
    const booked = await holdAndBook(a, serviceId, at("2030-03-04T08:00:00Z"));
    await expect(svc.decline(t.db, owner.id, booked.id, "Not my area", NOW)).resolves.toMatchObject({ status: "declined", depositRefunded: true, reason: "Not my area" });
    await expect(svc.decline(t.db, owner.id, booked.id, "again", NOW)).rejects.toMatchObject({ code: "BOOKING_STATE" });
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: a.id } })).balance).toBe(5_000);
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { shopId: shop.id } })).balance).toBe(0);
    await expect(holdAndBook(b, serviceId, at("2030-03-04T08:00:00Z"))).resolves.toBeTruthy();
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("the resident may cancel until the cut-off, not after, and the repairer's racing decline refunds once", async () => {
    const { people, serviceId, owner } = await setup();
    const a = people[0]!;
    await fund(a, 10_000);
    const first = await holdAndBook(a, serviceId, at("2030-03-04T13:00:00Z")); // 14:00 Paris
    const r = await Promise.allSettled([svc.cancel(t.db, a.id, first.id, "resident", "", NOW), svc.decline(t.db, owner.id, first.id, "", NOW)]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: a.id } })).balance).toBe(10_000);
    expect((await checkLedger(t.db)).isOk).toBe(true);

    // A confirmed visit: two hours before (12:00 Paris) is the last moment.
    const visit = await holdAndBook(a, serviceId, at("2030-03-04T13:00:00Z"));
    await svc.confirm(t.db, owner.id, visit.id, NOW);
    await expect(svc.cancel(t.db, a.id, visit.id, "resident", "", at("2030-03-04T11:01:00Z"))).rejects.toMatchObject({ code: "CANCEL_TOO_LATE" });
    await expect(svc.cancel(t.db, a.id, visit.id, "resident", "", at("2030-03-04T10:59:00Z"))).resolves.toMatchObject({ status: "cancelled" });
    // A request the repairer never answered does not lock the deposit: it may be cancelled late.
    const ignored = await holdAndBook(a, serviceId, at("2030-03-04T13:00:00Z"));
    await expect(svc.cancel(t.db, a.id, ignored.id, "resident", "", at("2030-03-04T12:30:00Z"))).resolves.toMatchObject({ status: "cancelled" });
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: a.id } })).balance).toBe(10_000);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("a proposed slot is held while the resident decides; accepting moves the booking, refusing frees it", async () => {
    const { people, serviceId, owner } = await setup({ depositCents: 0 });
    const [a, b] = people as [TUser, TUser];
    const booked = await holdAndBook(a, serviceId, at("2030-03-04T08:00:00Z"));
    const proposed = await svc.propose(t.db, owner.id, booked.id, at("2030-03-05T13:00:00Z"), NOW);
    expect(proposed.proposed?.startsAt).toEqual(at("2030-03-05T13:00:00Z"));
    await expect(svc.hold(t.db, b.id, { serviceId, category: "plumbing", startsAt: at("2030-03-05T13:00:00Z") }, NOW)).rejects.toMatchObject(taken);
    const accepted = await svc.answerProposal(t.db, a.id, booked.id, true, NOW);
    expect(accepted).toMatchObject({ status: "confirmed", startsAt: at("2030-03-05T13:00:00Z"), proposed: null });
    // The old time is free again.
    await expect(svc.hold(t.db, b.id, { serviceId, category: "plumbing", startsAt: at("2030-03-04T08:00:00Z") }, NOW)).resolves.toBeTruthy();

    // Moving by half an hour overlaps the current slot: allowed; refusing keeps the original.
    await svc.propose(t.db, owner.id, booked.id, at("2030-03-05T13:30:00Z"), NOW);
    const kept = await svc.answerProposal(t.db, a.id, booked.id, false, NOW);
    expect(kept).toMatchObject({ startsAt: at("2030-03-05T13:00:00Z"), proposed: null });
    const claims = await t.db.repairSlotClaim.findMany({ where: { bookingId: booked.id }, orderBy: { cellAt: "asc" } });
    expect(claims.map((c) => c.cellAt)).toEqual(Array.from({ length: 12 }, (_, i) => new Date(at("2030-03-05T13:00:00Z").getTime() + minutes(5 * i))));
  });
});

describe("moves that race", () => {
  it("an answer racing a new proposal, or the other answer, leaves claims that are exactly the booking's time and any live proposal", async () => {
    const { people, serviceId, owner } = await setup({ depositCents: 0 });
    const a = people[0]!;
    const booked = await holdAndBook(a, serviceId, at("2030-03-04T08:00:00Z"));
    const claimsMatch = async () => {
      const row = await t.db.repairBooking.findUniqueOrThrow({ where: { id: booked.id } });
      const want = [row.startsAt, ...(row.proposedStartsAt ? [row.proposedStartsAt] : [])].flatMap((s) => Array.from({ length: 12 }, (_, i) => s.getTime() + minutes(5 * i)));
      const claims = await t.db.repairSlotClaim.findMany({ where: { bookingId: booked.id } });
      expect(claims.map((c) => c.cellAt.getTime()).sort()).toEqual([...new Set(want)].sort());
    };
    await svc.propose(t.db, owner.id, booked.id, at("2030-03-05T13:00:00Z"), NOW);
    // The repairer proposes again while the resident accepts the first proposal.
    await Promise.allSettled([svc.answerProposal(t.db, a.id, booked.id, true, NOW), svc.propose(t.db, owner.id, booked.id, at("2030-03-06T13:00:00Z"), NOW)]);
    await claimsMatch();
    // Accept and refuse from two tabs: one wins, the other is told the booking moved on.
    await svc.propose(t.db, owner.id, booked.id, at("2030-03-07T13:00:00Z"), NOW).catch(() => undefined);
    const r = await Promise.allSettled([svc.answerProposal(t.db, a.id, booked.id, true, NOW), svc.answerProposal(t.db, a.id, booked.id, false, NOW)]);
    expect(r.filter((x) => x.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    for (const x of r) if (x.status === "rejected") expect(x.reason).toMatchObject({ code: "BOOKING_STATE" });
    await claimsMatch();
  });

  it("a hold booked as it lapses, while another resident takes its time, is refused: never two bookings on one time", async () => {
    const { people, serviceId } = await setup({ depositCents: 0 }, 2);
    const [a, b] = people as [TUser, TUser];
    const ten = at("2030-03-04T09:00:00Z");
    const ha = await svc.hold(t.db, a.id, { serviceId, category: "plumbing", startsAt: ten }, NOW);
    const lapse = new Date(NOW.getTime() + minutes(svc.HOLD_MINUTES) + 1);
    const r = await Promise.allSettled([
      svc.book(t.db, a.id, { holdId: ha.holdId, unitId: (await unitOf(a)).id, description: "Leaking tap", photoIds: [], vehicle: null, idempotencyKey: key() }, lapse),
      holdAndBook(b, serviceId, ten, "plumbing", lapse),
    ]);
    expect(r.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const live = await t.db.repairBooking.findMany({ where: { serviceId, status: "requested" } });
    expect(live).toHaveLength(1);
    const claims = await t.db.repairSlotClaim.findMany({ where: { serviceId } });
    expect(new Set(claims.map((c) => c.bookingId))).toEqual(new Set([live[0]!.id]));
  });

  it("starting a job drops an unanswered proposal and its time; finishing early gives back the rest", async () => {
    const { people, serviceId, owner } = await setup({ depositCents: 0, bufferMinutes: 30 });
    const [a, b] = people as [TUser, TUser];
    const booked = await holdAndBook(a, serviceId, at("2030-03-04T13:00:00Z"), "heating"); // two hours
    await svc.confirm(t.db, owner.id, booked.id, NOW);
    await svc.propose(t.db, owner.id, booked.id, at("2030-03-05T13:00:00Z"), NOW);
    await svc.start(t.db, owner.id, booked.id, at("2030-03-04T12:30:00Z"));
    expect(await t.db.repairBooking.findUniqueOrThrow({ where: { id: booked.id } })).toMatchObject({ status: "in_progress", proposedStartsAt: null });
    await expect(holdAndBook(b, serviceId, at("2030-03-05T13:00:00Z"), "heating", at("2030-03-04T12:31:00Z"))).resolves.toBeTruthy();
    // Done at 15:00 Paris instead of 16:00: 15:30 (after the buffer) is free again.
    await svc.complete(t.db, owner.id, { id: booked.id, note: "Fixed", finalPriceCents: 5000 }, at("2030-03-04T14:00:00Z"));
    const left = await t.db.repairSlotClaim.count({ where: { bookingId: booked.id, cellAt: { gte: at("2030-03-04T14:00:00Z") } } });
    expect(left).toBe(0);
  });

  it("a final price below the deposit is refused; only repair services have repair settings", async () => {
    const { people, serviceId, owner } = await setup();
    const a = people[0]!;
    await fund(a, 10_000);
    const booked = await holdAndBook(a, serviceId, at("2030-03-04T13:00:00Z"));
    await svc.confirm(t.db, owner.id, booked.id, NOW);
    await svc.start(t.db, owner.id, booked.id, at("2030-03-04T12:30:00Z"));
    await expect(svc.complete(t.db, owner.id, { id: booked.id, note: "Fixed", finalPriceCents: 1000 }, at("2030-03-04T13:30:00Z"))).rejects.toMatchObject({ code: "PRICE_BELOW_DEPOSIT" });
    const grocer = await t.db.shop.create({ data: { ownerId: owner.id, name: "Épicerie", category: "other", kind: "shop", status: "approved", timeZone: "Europe/Paris" } });
    await expect(svc.saveService(t.db, owner.id, grocer.id, settings())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("requests nobody answered", () => {
  it("are declined once their time comes, the deposit back and both sides told; answered ones are left alone", async () => {
    const { people, serviceId, owner } = await setup();
    const [a, b] = people as [TUser, TUser];
    await fund(a, 10_000);
    await fund(b, 10_000);
    const silent = await holdAndBook(a, serviceId, at("2030-03-04T13:00:00Z"));
    const answered = await holdAndBook(b, serviceId, at("2030-03-04T15:00:00Z"));
    await svc.confirm(t.db, owner.id, answered.id, NOW);
    // (Other tests' requests share the database: the sweep's count covers them too.)
    await svc.declineUnanswered(t.db, at("2030-03-04T12:59:00Z"));
    expect(await t.db.repairBooking.findUniqueOrThrow({ where: { id: silent.id } })).toMatchObject({ status: "requested" });
    // Two instances' sweeps at once: it is declined once, refunded once.
    await Promise.all([svc.declineUnanswered(t.db, at("2030-03-04T13:00:00Z")), svc.declineUnanswered(t.db, at("2030-03-04T13:00:00Z"))]);
    expect(await t.db.repairBooking.findUniqueOrThrow({ where: { id: silent.id } })).toMatchObject({ status: "declined" });
    expect(await t.db.repairBooking.findUniqueOrThrow({ where: { id: answered.id } })).toMatchObject({ status: "confirmed" });
    expect(await t.db.repairSlotClaim.count({ where: { bookingId: silent.id } })).toBe(0);
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: a.id } })).balance).toBe(10_000);
    expect(await t.db.notification.count({ where: { userId: a.id, kind: "repairBooking" } })).toBe(1);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });
});

describe("who sees what", () => {
  it("a resident sees only their bookings, a repairer only theirs; others get NOT_FOUND", async () => {
    const { people, serviceId, owner, rival, stranger } = await setup({ depositCents: 0 });
    const [a, b] = people as [TUser, TUser];
    const booked = await holdAndBook(a, serviceId, at("2030-03-04T08:00:00Z"));
    expect((await callerFor(t.db, a, ["resident"]).repairs.list()).map((x) => x.id)).toEqual([booked.id]);
    expect(await callerFor(t.db, b, ["resident"]).repairs.list()).toEqual([]);
    for (const u of [b, stranger]) await expect(callerFor(t.db, u, ["resident"]).repairs.get({ id: booked.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, b, ["resident"]).repairs.cancel({ id: booked.id, reason: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, owner, ["merchant"]).repairs.manage.get({ id: booked.id })).resolves.toMatchObject({ side: "repairer", resident: { name: "Resident 0" } });
    await expect(callerFor(t.db, rival, ["merchant"]).repairs.manage.confirm({ id: booked.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, rival, ["merchant"]).repairs.manage.agenda({ shopId: serviceId, from: "2030-03-04", days: 7 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A resident is not a repairer: the repairer's side is forbidden by role.
    await expect(callerFor(t.db, a, ["resident"]).repairs.manage.confirm({ id: booked.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.db, stranger, ["resident"]).repairs.listSlots({ serviceId, category: "plumbing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, a, ["resident"]).repairs.get({ id: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const agenda = await svc.agenda(t.db, owner.id, { shopId: serviceId, from: "2030-03-04", days: 1 }, NOW);
    expect(agenda.toAnswer.map((x) => x.id)).toEqual([booked.id]);
    expect(agenda.bookings.map((x) => x.id)).toEqual([booked.id]);
  });

  it("the repairer's side: a proposal still unanswered is to answer; free times to propose ignore the job's own time and the notice", async () => {
    const { people, serviceId, owner, rival } = await setup({ depositCents: 0, minNoticeMinutes: 240 });
    const booked = await holdAndBook(people[0]!, serviceId, at("2030-03-04T13:00:00Z"));
    await svc.confirm(t.db, owner.id, booked.id, NOW);
    expect((await svc.agenda(t.db, owner.id, { shopId: serviceId, from: "2030-03-04", days: 1 }, NOW)).toAnswer).toEqual([]);
    const { slots, durationMinutes } = await svc.slotsForProposal(t.db, owner.id, booked.id, NOW);
    const starts = slots.map((x) => x.startsAt.toISOString());
    expect(durationMinutes).toBe(60);
    // 09:00 in Paris is inside the 4-hour notice residents get, and 14:00 is the job's own time.
    expect(starts).toEqual(expect.arrayContaining(["2030-03-04T08:00:00.000Z", "2030-03-04T13:00:00.000Z"]));
    await svc.propose(t.db, owner.id, booked.id, at("2030-03-04T08:00:00Z"), NOW);
    const agenda = await svc.agenda(t.db, owner.id, { shopId: serviceId, from: "2030-03-04", days: 1 }, NOW);
    expect(agenda.toAnswer.map((x) => [x.id, x.status, x.proposed?.startsAt.toISOString()])).toEqual([[booked.id, "confirmed", "2030-03-04T08:00:00.000Z"]]);
    await expect(callerFor(t.db, rival, ["merchant"]).repairs.manage.listSlots({ id: booked.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, people[0]!, ["resident"]).repairs.manage.listSlots({ id: booked.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a booking opens a conversation with the repairer, as its context, for its two sides only", async () => {
    const { people, serviceId, owner, rival } = await setup({ depositCents: 0 });
    const [a, b] = people as [TUser, TUser];
    const booked = await holdAndBook(a, serviceId, at("2030-03-04T08:00:00Z"));
    const { id } = await callerFor(t.db, a, ["resident"]).chat.start({ shopId: serviceId, bookingId: booked.id });
    const again = await callerFor(t.db, owner, ["merchant"]).chat.manage.start({ bookingId: booked.id });
    expect(again.id).toBe(id);
    const c = await callerFor(t.db, owner, ["merchant"]).chat.get({ id });
    expect(c.booking).toMatchObject({ id: booked.id, category: "plumbing", status: "requested" });
    await expect(callerFor(t.db, b, ["resident"]).chat.start({ shopId: serviceId, bookingId: booked.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, rival, ["merchant"]).chat.manage.start({ bookingId: booked.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
