import { afterEach, describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { callerFor, makeBuilding, makeUser } from "../test/factories";
import { joinWithCode } from "./service";

const { t, events } = useTestDb();
afterEach(() => {
  events.length = 0;
});

const validBuilding = { name: "Les Tilleuls", address: "4 rue Pasteur", postalCode: "69007", city: "Lyon", latitude: 45.75, longitude: 4.84, timeZone: "Europe/Paris" };

async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const other = await makeUser(t.db, ["manager"], "Other Manager");
  const resident = await makeUser(t.db, ["resident"], "Resident");
  const { building, units } = await makeBuilding(t.db, manager.id);
  return {
    manager,
    other,
    resident,
    building,
    units,
    asManager: callerFor(t.db, manager, ["manager"]),
    asOther: callerFor(t.db, other, ["manager"]),
    asResident: callerFor(t.db, resident, ["resident"]),
  };
}

describe("buildings: who may do what", () => {
  it("refuses anonymous callers everywhere", async () => {
    const anon = callerFor(t.db, null);
    await expect(anon.buildings.manage.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.buildings.manage.create(validBuilding)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.buildings.listMemberships()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.buildings.joinWithCode({ code: "ABCD2345" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses residents and merchants the manager procedures", async () => {
    const s = await setup();
    const merchant = await makeUser(t.db, ["merchant"]);
    for (const api of [s.asResident, callerFor(t.db, merchant, ["merchant"])]) {
      await expect(api.buildings.manage.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.buildings.manage.create(validBuilding)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.buildings.manage.get({ id: s.building.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: 1, expiresInDays: 7 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("uses roles from the database, not the token", async () => {
    const s = await setup();
    // The session claims manager, but the database says resident only.
    const forged = callerFor(t.db, s.resident, ["manager"]);
    await expect(forged.buildings.manage.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("hides other managers' buildings as NOT_FOUND and changes nothing", async () => {
    const s = await setup();
    await expect(s.asOther.buildings.manage.get({ id: s.building.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asOther.buildings.manage.update({ id: s.building.id, data: { name: "Hijacked" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asOther.buildings.manage.createUnit({ buildingId: s.building.id, data: { staircase: "", floor: 1, door: "X" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asOther.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: 1, expiresInDays: 7 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asOther.buildings.manage.listRequests({ buildingId: s.building.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asOther.buildings.manage.listInvites({ buildingId: s.building.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await s.asOther.buildings.manage.list()).toEqual([]);
    expect((await t.db.building.findUnique({ where: { id: s.building.id } }))?.name).toBe("Test House");
    expect(await t.db.unit.count({ where: { buildingId: s.building.id } })).toBe(2);
  });
});

describe("buildings and units", () => {
  it("creates a building managed by its creator, with counts", async () => {
    const s = await setup();
    const b = await s.asManager.buildings.manage.create(validBuilding);
    expect(b).toMatchObject(validBuilding);
    const list = await s.asManager.buildings.manage.list();
    expect(list.map((x) => x.name)).toEqual(["Les Tilleuls", "Test House"]);
    expect(list.find((x) => x.id === s.building.id)).toMatchObject({ unitCount: 2, memberCount: 0, pendingCount: 0 });
  });

  it("rejects invalid buildings field by field", async () => {
    const s = await setup();
    const err = await s.asManager.buildings.manage
      .create({ ...validBuilding, latitude: 123, timeZone: "Mars/Olympus", postalCode: "!" })
      .catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    const fields = Object.fromEntries(err.cause.issues.map((i: { path: string[]; message: string }) => [i.path.join("."), i.message]));
    expect(fields).toEqual({ latitude: "latitude", timeZone: "timeZone", postalCode: "postalCode" });
  });

  it("refuses a duplicate door and generates a staircase, skipping existing doors", async () => {
    const s = await setup();
    await expect(s.asManager.buildings.manage.createUnit({ buildingId: s.building.id, data: { staircase: "A", floor: 1, door: "101" } })).rejects.toMatchObject({ code: "CONFLICT" });
    const res = await s.asManager.buildings.manage.generateUnits({ buildingId: s.building.id, staircase: "A", fromFloor: 0, toFloor: 2, doorsPerFloor: 2 });
    expect(res).toEqual({ created: 4, skipped: 2 });
    expect(await t.db.unit.count({ where: { buildingId: s.building.id } })).toBe(6);
    await expect(
      s.asManager.buildings.manage.generateUnits({ buildingId: s.building.id, staircase: "B", fromFloor: 5, toFloor: 2, doorsPerFloor: 2 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.unit.count({ where: { buildingId: s.building.id } })).toBe(6);
  });

  it("deletes an empty unit but not one with residents", async () => {
    const s = await setup();
    const invite = await s.asManager.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: 1, expiresInDays: 7 });
    await s.asResident.buildings.joinWithCode({ code: invite.code });
    await expect(s.asManager.buildings.manage.removeUnit({ id: s.units[0]!.id })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "UNIT_IN_USE" } });
    await expect(s.asManager.buildings.manage.removeUnit({ id: s.units[1]!.id })).resolves.toEqual({ ok: true });
    await expect(s.asOther.buildings.manage.removeUnit({ id: s.units[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("invite codes", () => {
  it("admits one person with a single-use code, typed any way", async () => {
    const s = await setup();
    const invite = await s.asManager.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: 1, expiresInDays: 7 });
    expect(invite.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const typed = ` ${invite.code.toLowerCase().replace("-", " ")} `;
    const res = await s.asResident.buildings.joinWithCode({ code: typed });
    expect(res.buildingId).toBe(s.building.id);
    expect(events).toContainEqual(expect.objectContaining({ type: "membership.changed", userId: s.resident.id, status: "active" }));
    const mine = await s.asResident.buildings.listMemberships();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: "active", joinedVia: "code", unit: { door: "101" }, building: { id: s.building.id } });

    const second = await makeUser(t.db);
    await expect(callerFor(t.db, second, ["resident"]).buildings.joinWithCode({ code: invite.code })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "INVITE_INVALID" } });
    const [listed] = await s.asManager.buildings.manage.listInvites({ buildingId: s.building.id });
    expect(listed).toMatchObject({ uses: 1, isUsable: false });
  });

  it("does not spend a use when the person already lives there", async () => {
    const s = await setup();
    const invite = await s.asManager.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: 3, expiresInDays: 7 });
    await s.asResident.buildings.joinWithCode({ code: invite.code });
    await expect(s.asResident.buildings.joinWithCode({ code: invite.code })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ALREADY_MEMBER" } });
    expect((await t.db.inviteCode.findFirst({ where: { id: invite.id } }))?.uses).toBe(1);
  });

  it("refuses expired, revoked, malformed and unknown codes", async () => {
    const s = await setup();
    const expired = await s.asManager.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: null, expiresInDays: 1 });
    await expect(joinWithCode(t.db, s.resident.id, expired.code.replace("-", ""), new Date(Date.now() + 2 * 86_400_000))).rejects.toMatchObject({ code: "INVITE_INVALID" });
    const revoked = await s.asManager.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: null, expiresInDays: 5 });
    await s.asManager.buildings.manage.revokeInvite({ id: revoked.id });
    await expect(s.asResident.buildings.joinWithCode({ code: revoked.code })).rejects.toMatchObject({ cause: { code: "INVITE_INVALID" } });
    await expect(s.asResident.buildings.joinWithCode({ code: "0000-OOOO" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asResident.buildings.joinWithCode({ code: "ZZZZ-ZZZZ" })).rejects.toMatchObject({ cause: { code: "INVITE_INVALID" } });
    expect(await t.db.membership.count({ where: { userId: s.resident.id } })).toBe(0);
    await expect(s.asOther.buildings.manage.revokeInvite({ id: expired.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets exactly one of ten racing people use a single-use code", async () => {
    const s = await setup();
    const invite = await s.asManager.buildings.manage.createInvite({ unitId: s.units[1]!.id, maxUses: 1, expiresInDays: 7 });
    const people = await Promise.all(Array.from({ length: 10 }, () => makeUser(t.db)));
    const results = await Promise.allSettled(people.map((p) => callerFor(t.db, p, ["resident"]).buildings.joinWithCode({ code: invite.code })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.membership.count({ where: { unitId: s.units[1]!.id, status: "active" } })).toBe(1);
    expect((await t.db.inviteCode.findUnique({ where: { id: invite.id } }))?.uses).toBe(1);
  });
});

describe("join requests", () => {
  it("goes request → approve, live, and cannot be decided twice", async () => {
    const s = await setup();
    const { membershipId } = await s.asResident.buildings.requestToJoin({ unitId: s.units[0]!.id, message: "Moved in on Monday" });
    await expect(s.asResident.buildings.requestToJoin({ unitId: s.units[0]!.id })).rejects.toMatchObject({ cause: { code: "REQUEST_PENDING" } });
    const requests = await s.asManager.buildings.manage.listRequests({ buildingId: s.building.id });
    expect(requests).toEqual([expect.objectContaining({ id: membershipId, message: "Moved in on Monday", user: expect.objectContaining({ id: s.resident.id }) })]);

    await expect(s.asOther.buildings.manage.decideRequest({ membershipId, decision: "approve" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await t.db.membership.findUnique({ where: { id: membershipId } }))?.status).toBe("pending");

    events.length = 0;
    await expect(s.asManager.buildings.manage.decideRequest({ membershipId, decision: "approve" })).resolves.toEqual({ ok: true, status: "active" });
    expect(events).toEqual([{ type: "membership.changed", userId: s.resident.id, buildingId: s.building.id, unitId: s.units[0]!.id, membershipId, status: "active" }]);
    await expect(s.asManager.buildings.manage.decideRequest({ membershipId, decision: "reject" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await s.asManager.buildings.manage.listMembers({ buildingId: s.building.id })).map((m) => m.user.id)).toEqual([s.resident.id]);
    expect(await s.asManager.buildings.manage.listRequests({ buildingId: s.building.id })).toEqual([]);
  });

  it("lets a manager decline, and the resident ask again later", async () => {
    const s = await setup();
    const { membershipId } = await s.asResident.buildings.requestToJoin({ unitId: s.units[1]!.id });
    await s.asManager.buildings.manage.decideRequest({ membershipId, decision: "reject" });
    expect((await s.asResident.buildings.listMemberships())[0]).toMatchObject({ status: "rejected" });
    await s.asResident.buildings.requestToJoin({ unitId: s.units[1]!.id });
    expect((await s.asResident.buildings.listMemberships())[0]).toMatchObject({ status: "pending" });
  });

  it("lets a resident leave and a manager remove a member, scoped to their own", async () => {
    const s = await setup();
    const invite = await s.asManager.buildings.manage.createInvite({ unitId: s.units[0]!.id, maxUses: null, expiresInDays: 7 });
    const { membershipId } = await s.asResident.buildings.joinWithCode({ code: invite.code });
    const stranger = await makeUser(t.db);
    await expect(callerFor(t.db, stranger, ["resident"]).buildings.leave({ id: membershipId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asOther.buildings.manage.removeMember({ membershipId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await s.asManager.buildings.manage.removeMember({ membershipId });
    expect(await s.asResident.buildings.listMemberships()).toEqual([]);
  });

  it("shows residents the directory but never who lives where", async () => {
    const s = await setup();
    const dir = await s.asResident.buildings.directory();
    expect(dir.find((b) => b.id === s.building.id)).toEqual({ id: s.building.id, name: "Test House", address: "1 rue du Test", postalCode: "69004", city: "Lyon" });
    const units = await s.asResident.buildings.directoryUnits({ buildingId: s.building.id });
    expect(Object.keys(units[0]!).sort()).toEqual(["buildingId", "door", "floor", "id", "staircase"]);
  });
});
