// Common-area repairs (issue 13): who sees and moves what (other tenants get NOT_FOUND), the
// status machine, "me too" under a race, bad input changing nothing. Runs on SQLite and
// PostgreSQL.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";

const { t, events } = useTestDb();
type TUser = Awaited<ReturnType<typeof makeUser>>;

async function member(user: TUser, unit: { id: string; buildingId: string }, status = "active") {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: "code" } });
}

/** A building with staircases A and B and a resident on each; a second building with its own manager and resident. */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 2, door: "201" },
    { staircase: "B", floor: 1, door: "101" },
  ]);
  const a1 = await makeUser(t.db, ["resident"], "Alice");
  const a2 = await makeUser(t.db, ["resident"], "Albert");
  const b1 = await makeUser(t.db, ["resident"], "Bruno");
  const pending = await makeUser(t.db, ["resident"], "Pending");
  await member(a1, units[0]!);
  await member(a2, units[1]!);
  await member(b1, units[2]!);
  await member(pending, units[1]!, "pending");
  const otherManager = await makeUser(t.db, ["manager"], "Other manager");
  const { building: other, units: otherUnits } = await makeBuilding(t.db, otherManager.id, [{ staircase: "", floor: 0, door: "1" }]);
  const stranger = await makeUser(t.db, ["resident"], "Stranger");
  await member(stranger, otherUnits[0]!);
  const api = {
    manager: callerFor(t.db, manager, ["manager"]).repairs.common,
    otherManager: callerFor(t.db, otherManager, ["manager"]).repairs.common,
    a1: callerFor(t.db, a1, ["resident"]).repairs.common,
    a2: callerFor(t.db, a2, ["resident"]).repairs.common,
    b1: callerFor(t.db, b1, ["resident"]).repairs.common,
    pending: callerFor(t.db, pending, ["resident"]).repairs.common,
    stranger: callerFor(t.db, stranger, ["resident"]).repairs.common,
  };
  return { manager, building, other, a1, a2, b1, stranger, api };
}

const lift = (buildingId: string, staircase?: string) => ({ buildingId, staircase, title: "Lift out of order", description: "Stuck on the 3rd floor", area: "lift" as const });
const notFound = { code: "NOT_FOUND" };

describe("opening and seeing", () => {
  it("the manager opens one; residents of the building see it, others do not", async () => {
    const { building, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    expect(r).toMatchObject({ status: "open", supporters: 0, staircase: null, buildingName: "Test House" });
    expect((await api.a1.list()).map((x) => x.id)).toEqual([r.id]);
    expect((await api.b1.list()).map((x) => x.id)).toEqual([r.id]);
    expect(await api.stranger.list()).toEqual([]);
    expect(await api.pending.list()).toEqual([]);
    expect((await api.manager.manage.list({ buildingId: building.id })).map((x) => x.id)).toEqual([r.id]);
    expect(events).toContainEqual({ type: "commonRepair.changed", commonRepairId: r.id, buildingId: building.id });
  });

  it("one staircase's repair is seen and notified on that staircase only", async () => {
    const { building, a1, a2, b1, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id, "A"));
    expect((await api.a1.list()).map((x) => x.id)).toEqual([r.id]);
    expect(await api.b1.list()).toEqual([]);
    await expect(api.b1.support({ id: r.id, isSupporting: true })).rejects.toMatchObject(notFound);
    const told = await t.db.notification.findMany({ where: { kind: "commonRepair", userId: { in: [a1.id, a2.id, b1.id] } }, select: { userId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([a1.id, a2.id].sort());
    expect(told.map((n) => n.userId)).not.toContain(b1.id);
  });

  it("refuses a staircase the building does not have, and writes nothing", async () => {
    const { building, api } = await setup();
    await expect(api.manager.manage.create(lift(building.id, "Z"))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "COMMON_REPAIR_STAIRCASE" } });
    expect(await t.db.commonRepair.count({ where: { buildingId: building.id } })).toBe(0);
  });

  it("a manager of another building gets NOT_FOUND for everything of this one", async () => {
    const { building, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    await expect(api.otherManager.manage.create(lift(building.id))).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.list({ buildingId: building.id })).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.update({ id: r.id, status: "done", note: "" })).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.withdraw({ id: r.id, note: "" })).rejects.toMatchObject(notFound);
    await expect(api.manager.manage.update({ id: MISSING_ID, status: "done", note: "" })).rejects.toMatchObject(notFound);
    expect((await t.db.commonRepair.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("open");
    expect(await t.db.commonRepair.count({ where: { buildingId: building.id } })).toBe(1);
  });

  it("a resident of another building gets NOT_FOUND; a resident cannot open, move or withdraw one", async () => {
    const { building, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    await expect(api.stranger.support({ id: r.id, isSupporting: true })).rejects.toMatchObject(notFound);
    await expect(api.a1.manage.create(lift(building.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.a1.manage.update({ id: r.id, status: "done", note: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.a1.manage.withdraw({ id: r.id, note: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.a1.manage.list({ buildingId: building.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.db, null).repairs.common.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.commonRepair.count({ where: { buildingId: building.id } })).toBe(1);
    expect(await t.db.commonRepairSupport.count({ where: { commonRepair: { buildingId: building.id } } })).toBe(0);
  });
});

describe("me too", () => {
  it("counts once per resident, says who supported, and can be taken back while unfinished", async () => {
    const { building, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    expect(await api.a1.support({ id: r.id, isSupporting: true })).toMatchObject({ supporters: 1, isSupported: true });
    expect(await api.a1.support({ id: r.id, isSupporting: true })).toMatchObject({ supporters: 1, isSupported: true });
    expect(await api.b1.support({ id: r.id, isSupporting: true })).toMatchObject({ supporters: 2, isSupported: true });
    expect((await api.a2.list())[0]).toMatchObject({ supporters: 2, isSupported: false });
    expect((await api.manager.manage.list({ buildingId: building.id }))[0]).toMatchObject({ supporters: 2, isSupported: false });
    expect(await api.a1.support({ id: r.id, isSupporting: false })).toMatchObject({ supporters: 1, isSupported: false });
    expect(await api.a1.support({ id: r.id, isSupporting: false })).toMatchObject({ supporters: 1, isSupported: false });
    await api.manager.manage.update({ id: r.id, status: "in_progress", note: "Technician on Tuesday" });
    expect(await api.a2.support({ id: r.id, isSupporting: true })).toMatchObject({ supporters: 2, note: "Technician on Tuesday" });
  });

  it("ten at once from one resident make one row", async () => {
    const { building, a1, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.a1.support({ id: r.id, isSupporting: true })));
    expect(answers.every((a) => a.isSupported)).toBe(true);
    expect(await t.db.commonRepairSupport.count({ where: { commonRepairId: r.id, userId: a1.id } })).toBe(1);
    expect((await api.a1.list())[0]!.supporters).toBe(1);
  });

  it("is refused once the repair is done or withdrawn", async () => {
    const { building, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    await api.a1.support({ id: r.id, isSupporting: true });
    await api.manager.manage.update({ id: r.id, status: "done", note: "Fixed" });
    await expect(api.a2.support({ id: r.id, isSupporting: true })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.a1.support({ id: r.id, isSupporting: false })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.commonRepairSupport.count({ where: { commonRepair: { buildingId: building.id } } })).toBe(1);
  });
});

describe("status", () => {
  it("open → in_progress (notes) → done, residents told when opened and when done, once each", async () => {
    const { building, a1, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    const started = await api.manager.manage.update({ id: r.id, status: "in_progress", note: "Ordered the part" });
    expect(started).toMatchObject({ status: "in_progress", note: "Ordered the part" });
    expect(started.startedAt).toBeInstanceOf(Date);
    const again = await api.manager.manage.update({ id: r.id, status: "in_progress", note: "Part arrives Friday" });
    expect(again.startedAt).toEqual(started.startedAt);
    expect(again.note).toBe("Part arrives Friday");
    const done = await api.manager.manage.update({ id: r.id, status: "done", note: "" });
    expect(done).toMatchObject({ status: "done", note: "Part arrives Friday" });
    expect(done.doneAt).toBeInstanceOf(Date);
    const mine = await t.db.notification.findMany({ where: { userId: a1.id, kind: "commonRepair" }, orderBy: { createdAt: "asc" } });
    expect(mine.map((n) => (JSON.parse(n.params) as { status: string }).status)).toEqual(["open", "done"]);
    expect(mine[0]!.link).toBe("/repairs/common");
  });

  it("a finished repair does not move again; withdrawing is for unfinished ones", async () => {
    const { building, api } = await setup();
    const r = await api.manager.manage.create(lift(building.id));
    await api.manager.manage.update({ id: r.id, status: "done", note: "" });
    await expect(api.manager.manage.update({ id: r.id, status: "in_progress", note: "" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "COMMON_REPAIR_STATE" } });
    await expect(api.manager.manage.withdraw({ id: r.id, note: "" })).rejects.toMatchObject({ code: "CONFLICT" });
    const w = await api.manager.manage.create({ ...lift(building.id), title: "Duplicate" });
    expect(await api.manager.manage.withdraw({ id: w.id, note: "Filed twice" })).toMatchObject({ status: "withdrawn", note: "Filed twice" });
    await expect(api.manager.manage.update({ id: w.id, status: "done", note: "" })).rejects.toMatchObject({ code: "CONFLICT" });
    // Unfinished first in the lists.
    const c = await api.manager.manage.create({ ...lift(building.id), title: "Entrance light", area: "lighting" });
    expect((await api.a1.list())[0]!.id).toBe(c.id);
  });

  it("two managers racing to finish it: one moves it, the other is told its state", async () => {
    const { building, api } = await setup();
    const colleague = await makeUser(t.db, ["manager"], "Colleague");
    await t.db.buildingManager.create({ data: { buildingId: building.id, userId: colleague.id } });
    const r = await api.manager.manage.create(lift(building.id));
    const both = await Promise.allSettled([
      api.manager.manage.withdraw({ id: r.id, note: "" }),
      callerFor(t.db, colleague, ["manager"]).repairs.common.manage.update({ id: r.id, status: "done", note: "" }),
    ]);
    expect(both.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(both.filter((x): x is PromiseRejectedResult => x.status === "rejected").map((x) => x.reason)).toMatchObject([{ code: "CONFLICT" }]);
  });
});

describe("bad input", () => {
  it("is refused with a message key and changes nothing", async () => {
    const { building, api } = await setup();
    const bad: [unknown, string][] = [
      [{ ...lift(building.id), title: "  " }, "titleTooShort"],
      [{ ...lift(building.id), title: "x".repeat(121) }, "tooLong"],
      [{ ...lift(building.id), area: "roof" }, "commonArea"],
      [{ ...lift(building.id), description: "x".repeat(2001) }, "tooLong"],
      [{ ...lift(building.id), buildingId: "not-an-id" }, "id"],
    ];
    for (const [input, message] of bad) {
      const e = (await api.manager.manage.create(input as never).catch((x: unknown) => x)) as { code: string; shape?: unknown; cause?: { issues?: { message: string }[] } };
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.cause?.issues?.map((i) => i.message)).toContain(message);
    }
    const r = await api.manager.manage.create(lift(building.id));
    await expect(api.manager.manage.update({ id: r.id, status: "withdrawn" as never, note: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.manager.manage.update({ id: r.id, status: "done", note: "x".repeat(1001) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.a1.support({ id: r.id, isSupporting: "yes" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.commonRepair.count({ where: { buildingId: building.id } })).toBe(1);
    expect((await t.db.commonRepair.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("open");
    expect(await t.db.commonRepairSupport.count({ where: { commonRepair: { buildingId: building.id } } })).toBe(0);
  });
});
