// Building notices' procedures (issue 14), by role: anonymous callers are refused, residents
// are forbidden the manager's side, a manager of another building (or an admin who does not
// manage it) gets NOT_FOUND for everything of this one, exactly like a notice that does not
// exist, and bad input is refused with a message key and writes nothing. Runs on SQLite and
// PostgreSQL.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";
import type { TNoticeCreateInput } from "./schema";

const { t } = useTestDb();
type TUser = Awaited<ReturnType<typeof makeUser>>;

async function member(user: TUser, unit: { id: string; buildingId: string }) {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status: "active", joinedVia: "code" } });
}

/** A building with staircases A and B and two residents; another building with its own manager; an admin who manages neither. */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 2, door: "201" },
    { staircase: "B", floor: 1, door: "101" },
  ]);
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const bruno = await makeUser(t.db, ["resident"], "Bruno");
  await member(alice, units[0]!);
  await member(bruno, units[2]!);
  const otherManager = await makeUser(t.db, ["manager"], "Other manager");
  const { building: other } = await makeBuilding(t.db, otherManager.id, [{ staircase: "", floor: 0, door: "1" }]);
  const admin = await makeUser(t.db, ["admin"], "Admin");
  const api = {
    manager: callerFor(t.db, manager, ["manager"]).notices,
    otherManager: callerFor(t.db, otherManager, ["manager"]).notices,
    admin: callerFor(t.db, admin, ["admin"]).notices,
    alice: callerFor(t.db, alice, ["resident"]).notices,
    anonymous: callerFor(t.db, null).notices,
  };
  return { building, other, units, alice, bruno, api };
}

const notice = (buildingId: string, extra: Partial<TNoticeCreateInput> = {}): TNoticeCreateInput => ({
  targets: [{ buildingId, staircase: "" }],
  title: "Ascenseur en panne",
  body: "Le technicien passe **jeudi**.",
  category: "lift",
  urgency: "urgent",
  ...extra,
});
const edit = (id: string, buildingId: string, extra: Partial<TNoticeCreateInput> = {}) => ({ id, ...notice(buildingId), title: "Ascenseur réparé jeudi", ...extra });

const notFound = { code: "NOT_FOUND" };
const forbidden = { code: "FORBIDDEN" };

/** Rows a refused call must not have written. */
async function counts() {
  return { notices: await t.db.notice.count(), targets: await t.db.noticeTarget.count(), reads: await t.db.noticeRead.count(), notifications: await t.db.notification.count() };
}

describe("the building's manager", () => {
  it("writes, lists, reads, reports, edits, reminds once and withdraws", async () => {
    const { building, units, alice, api } = await setup();
    expect(await api.manager.manage.targets()).toEqual([{ id: building.id, name: "Test House", staircases: ["A", "B"] }]);
    expect(await api.manager.manage.audience({ targets: [{ buildingId: building.id, staircase: "" }] })).toEqual({ units: 2, residents: 2 });
    expect(await api.manager.manage.audience({ targets: [{ buildingId: building.id, staircase: "A" }] })).toEqual({ units: 1, residents: 1 });
    expect((await api.manager.manage.preview({ body: "**hi** <script>alert(1)</script>" })).html).not.toContain("<script");

    const n = await api.manager.manage.create(notice(building.id));
    expect(n).toMatchObject({ state: "published", reached: 2, seen: 0, acknowledged: 0, urgency: "urgent" });
    expect((await api.manager.manage.list({ buildingId: building.id })).map((x) => x.id)).toEqual([n.id]);
    expect((await api.manager.manage.get({ id: n.id })).bodyHtml).toContain("<strong>jeudi</strong>");

    await callerFor(t.db, alice, ["resident"]).notices.acknowledge({ id: n.id });
    const report = await api.manager.manage.report({ id: n.id });
    expect(report).toMatchObject({ residents: 2, units: 2, seen: 1, acknowledged: 1, reminderSentAt: null });
    expect(report.unitsNotReached.map((u) => [u.staircase, u.door])).toEqual([["B", "101"]]);
    expect(report.unitsNotReached.map((u) => u.unitId)).not.toContain(units[0]!.id);

    const edited = await api.manager.manage.update(edit(n.id, building.id));
    expect(edited.editedAt).not.toBeNull();
    expect(edited.title).toBe("Ascenseur réparé jeudi");
    // Once published, who it is for does not change.
    await expect(api.manager.manage.update(edit(n.id, building.id, { targets: [{ buildingId: building.id, staircase: "A" }] }))).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "NOTICE_TARGETS_LOCKED" } });

    expect(await api.manager.manage.remind({ id: n.id })).toEqual({ sent: 1 });
    await expect(api.manager.manage.remind({ id: n.id })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "NOTICE_REMINDER_SENT" } });
    expect((await api.manager.manage.report({ id: n.id })).reminderSentAt).not.toBeNull();

    expect((await api.manager.manage.withdraw({ id: n.id })).state).toBe("withdrawn");
    await expect(api.manager.manage.withdraw({ id: n.id })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "NOTICE_STATE" } });
    await expect(api.manager.manage.update(edit(n.id, building.id))).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "NOTICE_STATE" } });
  });

  it("gets NOT_FOUND for a notice that does not exist", async () => {
    const { api } = await setup();
    for (const call of [
      () => api.manager.manage.get({ id: MISSING_ID }),
      () => api.manager.manage.report({ id: MISSING_ID }),
      () => api.manager.manage.withdraw({ id: MISSING_ID }),
      () => api.manager.manage.remind({ id: MISSING_ID }),
      () => api.manager.manage.list({ buildingId: MISSING_ID }),
    ])
      await expect(call()).rejects.toMatchObject(notFound);
  });
});

describe("who may not", () => {
  it("anonymous callers are refused everywhere", async () => {
    const { building, api } = await setup();
    const n = await api.manager.manage.create(notice(building.id));
    const before = await counts();
    const calls = [
      () => api.anonymous.list(),
      () => api.anonymous.get({ id: n.id }),
      () => api.anonymous.acknowledge({ id: n.id }),
      () => api.anonymous.pendingUrgent(),
      () => api.anonymous.unseenCount(),
      () => api.anonymous.manage.targets(),
      () => api.anonymous.manage.audience({ targets: [{ buildingId: building.id, staircase: "" }] }),
      () => api.anonymous.manage.preview({ body: "x" }),
      () => api.anonymous.manage.list({ buildingId: building.id }),
      () => api.anonymous.manage.get({ id: n.id }),
      () => api.anonymous.manage.report({ id: n.id }),
      () => api.anonymous.manage.create(notice(building.id)),
      () => api.anonymous.manage.update(edit(n.id, building.id)),
      () => api.anonymous.manage.withdraw({ id: n.id }),
      () => api.anonymous.manage.remind({ id: n.id }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await counts()).toEqual(before);
  });

  it("a resident is forbidden the manager's side, even of their own building", async () => {
    const { building, api } = await setup();
    const n = await api.manager.manage.create(notice(building.id));
    const before = await counts();
    const calls = [
      () => api.alice.manage.targets(),
      () => api.alice.manage.audience({ targets: [{ buildingId: building.id, staircase: "" }] }),
      () => api.alice.manage.preview({ body: "x" }),
      () => api.alice.manage.list({ buildingId: building.id }),
      () => api.alice.manage.get({ id: n.id }),
      () => api.alice.manage.report({ id: n.id }),
      () => api.alice.manage.create(notice(building.id)),
      () => api.alice.manage.update(edit(n.id, building.id)),
      () => api.alice.manage.withdraw({ id: n.id }),
      () => api.alice.manage.remind({ id: n.id }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject(forbidden);
    expect(await counts()).toEqual(before);
    expect((await api.manager.manage.get({ id: n.id })).state).toBe("published");
  });

  for (const who of ["otherManager", "admin"] as const) {
    it(`${who === "admin" ? "an admin who does not manage the building" : "another building's manager"} gets NOT_FOUND for everything of this one`, async () => {
      const { building, other, api } = await setup();
      const n = await api.manager.manage.create(notice(building.id));
      const before = await counts();
      const them = api[who].manage;
      const calls = [
        () => them.list({ buildingId: building.id }),
        () => them.get({ id: n.id }),
        () => them.report({ id: n.id }),
        () => them.update(edit(n.id, building.id)),
        () => them.withdraw({ id: n.id }),
        () => them.remind({ id: n.id }),
        () => them.audience({ targets: [{ buildingId: building.id, staircase: "" }] }),
        () => them.audience({ targets: [{ buildingId: building.id, staircase: "A" }] }),
        () => them.create(notice(building.id)),
        // One of theirs and one not theirs: still nothing.
        () => them.create(notice(building.id, { targets: [{ buildingId: other.id, staircase: "" }, { buildingId: building.id, staircase: "" }] })),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject(notFound);
      expect(await counts()).toEqual(before);
      const still = await api.manager.manage.get({ id: n.id });
      expect(still).toMatchObject({ state: "published", editedAt: null, reminderSentAt: null, title: "Ascenseur en panne" });
      // Their own list does not show it either.
      if (who === "otherManager") expect(await them.list({ buildingId: other.id })).toEqual([]);
      else expect(await them.targets()).toEqual([]);
    });
  }
});

describe("bad input", () => {
  it("is refused with a clear error and writes nothing", async () => {
    const { building, api } = await setup();
    const now = Date.now();
    const empty = await counts();
    const bad: [unknown, string][] = [
      [notice(building.id, { title: "   " }), "titleTooShort"],
      [notice(building.id, { title: "x".repeat(121) }), "tooLong"],
      [notice(building.id, { body: "x".repeat(1024 * 1024) }), "tooLong"],
      [notice(building.id, { body: "" }), "required"],
      [notice(building.id, { category: "party" as never }), "noticeCategory"],
      [notice(building.id, { urgency: "very" as never }), "noticeUrgency"],
      [notice(building.id, { startsAt: new Date(now + 2 * 3_600_000), endsAt: new Date(now + 3_600_000) }), "endBeforeStart"],
      [notice(building.id, { endsAt: new Date(now + 3_600_000) }), "required"],
      [notice(building.id, { publishAt: new Date(now + 2 * 86_400_000), expiresAt: new Date(now + 86_400_000) }), "expiresBeforePublish"],
      [notice(building.id, { startsAt: "not a date" }), "date"],
      [notice(building.id, { targets: [] }), "noticeTargets"],
      [notice(building.id, { targets: Array.from({ length: 51 }, (_, i) => ({ buildingId: building.id, staircase: `S${i}` })) }), "tooMany"],
      [notice(building.id, { attachmentIds: Array.from({ length: 6 }, () => MISSING_ID) }), "tooMany"],
    ];
    for (const [input, message] of bad) {
      const e = (await api.manager.manage.create(input as never).catch((x: unknown) => x)) as { code: string; cause?: { issues?: { message: string }[] } };
      expect(e.code, message).toBe("BAD_REQUEST");
      expect(e.cause?.issues?.map((i) => i.message), message).toContain(message);
    }
    // A staircase the building does not have: named in the error.
    await expect(api.manager.manage.create(notice(building.id, { targets: [{ buildingId: building.id, staircase: "Z" }] }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "NOTICE_STAIRCASE", params: { staircase: "Z", building: "Test House" } },
    });
    await expect(api.manager.manage.audience({ targets: [{ buildingId: building.id, staircase: "Z" }] })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "NOTICE_STAIRCASE" } });
    // Files that are not the caller's uploads.
    await expect(api.manager.manage.create(notice(building.id, { attachmentIds: [MISSING_ID] }))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "NOTICE_ATTACHMENT" } });
    await expect(api.manager.manage.preview({ body: "x".repeat(10_001) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await counts()).toEqual(empty);

    // An edit with bad input leaves the notice as it was.
    const n = await api.manager.manage.create(notice(building.id));
    const before = await counts();
    for (const input of [edit(n.id, building.id, { title: "" }), edit(n.id, building.id, { body: "x".repeat(1024 * 1024) }), edit(n.id, building.id, { startsAt: new Date(now + 7_200_000), endsAt: new Date(now) })])
      await expect(api.manager.manage.update(input)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.manager.manage.update({ ...edit(n.id, building.id), id: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await counts()).toEqual(before);
    expect(await api.manager.manage.get({ id: n.id })).toMatchObject({ title: "Ascenseur en panne", editedAt: null });
  });
});
