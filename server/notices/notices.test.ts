// Building notices (issue 14), the service through the API: who receives, sees and counts a
// notice (other buildings and staircases never do: pages, notifications, events), urgent
// acknowledgement and the manager's report, one reminder, scheduled publishing once under
// concurrent runs, edits and withdrawals. Runs on SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { callerFor, makeBuilding, makeUser } from "../test/factories";
import { routeOf } from "../realtime/routes";
import { publishDue } from "./service";
import type { TNoticeCreateInput } from "./schema";

const { t, events } = useTestDb();
type TUser = Awaited<ReturnType<typeof makeUser>>;

async function member(user: TUser, unit: { id: string; buildingId: string }, status = "active") {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: "code" } });
}

/** A building with staircases A (two flats) and B (one flat); a second building with its own manager and resident. */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 2, door: "201" },
    { staircase: "B", floor: 1, door: "101" },
  ]);
  const a1 = await makeUser(t.db, ["resident"], "Alice");
  const a1b = await makeUser(t.db, ["resident"], "Alice's partner");
  const a2 = await makeUser(t.db, ["resident"], "Albert");
  const b1 = await makeUser(t.db, ["resident"], "Bruno");
  const pending = await makeUser(t.db, ["resident"], "Pending");
  await member(a1, units[0]!);
  await member(a1b, units[0]!);
  await member(a2, units[1]!);
  await member(b1, units[2]!);
  await member(pending, units[1]!, "pending");
  const otherManager = await makeUser(t.db, ["manager"], "Other manager");
  const { building: other, units: otherUnits } = await makeBuilding(t.db, otherManager.id, [{ staircase: "", floor: 0, door: "1" }]);
  const stranger = await makeUser(t.db, ["resident"], "Stranger");
  await member(stranger, otherUnits[0]!);
  const api = {
    manager: callerFor(t.db, manager, ["manager"]).notices,
    otherManager: callerFor(t.db, otherManager, ["manager"]).notices,
    a1: callerFor(t.db, a1, ["resident"]).notices,
    a1b: callerFor(t.db, a1b, ["resident"]).notices,
    a2: callerFor(t.db, a2, ["resident"]).notices,
    b1: callerFor(t.db, b1, ["resident"]).notices,
    pending: callerFor(t.db, pending, ["resident"]).notices,
    stranger: callerFor(t.db, stranger, ["resident"]).notices,
  };
  return { manager, building, units, other, otherUnits, a1, a1b, a2, b1, pending, stranger, api };
}

const waterCut = (buildingId: string, extra: Partial<TNoticeCreateInput> = {}): TNoticeCreateInput => ({
  targets: [{ buildingId, staircase: "" }],
  title: "Water cut on Tuesday",
  body: "The water will be **cut** from 8:00 to 12:00.",
  category: "water",
  startsAt: new Date(Date.now() + 86_400_000),
  endsAt: new Date(Date.now() + 86_400_000 + 4 * 3_600_000),
  ...extra,
});
const notFound = { code: "NOT_FOUND" };
const noticeNotifications = (noticeId: string) => t.db.notification.findMany({ where: { link: `/notices/${noticeId}` }, select: { userId: true, kind: true } });

describe("who a notice reaches", () => {
  it("a whole-building notice reaches its active residents: listed, notified, counted; nobody else", async () => {
    const { building, a1, a1b, a2, b1, api } = await setup();
    expect(await api.manager.manage.audience({ targets: [{ buildingId: building.id, staircase: "" }] })).toEqual({ units: 3, residents: 4 });
    const n = await api.manager.manage.create(waterCut(building.id));
    expect(n).toMatchObject({ state: "published", reached: 4, seen: 0, acknowledged: 0, urgency: "normal" });
    expect(n.bodyHtml).toBe("<p>The water will be <strong>cut</strong> from 8:00 to 12:00.</p>\n");
    for (const who of [api.a1, api.a1b, api.a2, api.b1]) expect((await who.list()).map((x) => x.id)).toEqual([n.id]);
    expect(await api.stranger.list()).toEqual([]);
    expect(await api.pending.list()).toEqual([]);
    await expect(api.stranger.get({ id: n.id })).rejects.toMatchObject(notFound);
    await expect(api.pending.get({ id: n.id })).rejects.toMatchObject(notFound);
    expect((await noticeNotifications(n.id)).map((x) => x.userId).sort()).toEqual([a1.id, a1b.id, a2.id, b1.id].sort());
    expect((await noticeNotifications(n.id)).every((x) => x.kind === "notice")).toBe(true);
    expect(await api.a1.unseenCount()).toBe(1);
    expect(await api.stranger.unseenCount()).toBe(0);
  });

  it("a staircase notice is listed, notified and delivered live on that staircase only", async () => {
    const { building, units, a1, a1b, a2, api } = await setup();
    expect(await api.manager.manage.audience({ targets: [{ buildingId: building.id, staircase: "A" }] })).toEqual({ units: 2, residents: 3 });
    const n = await api.manager.manage.create(waterCut(building.id, { targets: [{ buildingId: building.id, staircase: "A" }] }));
    expect(n.reached).toBe(3);
    expect((await api.a2.list()).map((x) => x.id)).toEqual([n.id]);
    expect(await api.b1.list()).toEqual([]);
    expect(await api.b1.pendingUrgent()).toEqual([]);
    await expect(api.b1.get({ id: n.id })).rejects.toMatchObject(notFound);
    expect((await noticeNotifications(n.id)).map((x) => x.userId).sort()).toEqual([a1.id, a1b.id, a2.id].sort());
    // Live: the unit rooms of staircase A only, never the building's room (which B's residents are in).
    const published = events.find((e) => e.type === "notice.changed" && e.noticeId === n.id);
    expect(published).toBeDefined();
    const rooms = routeOf(published!).emits.flatMap((e) => (e.event === "notice:changed" ? e.to : []));
    expect(rooms.sort()).toEqual([`unit:${units[0]!.id}`, `unit:${units[1]!.id}`].sort());
    expect(rooms).not.toContain(`building:${building.id}`);
    expect(rooms).not.toContain(`unit:${units[2]!.id}`);
  });

  it("a resident who leaves no longer sees the building's notices", async () => {
    const { building, a2, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id));
    await t.db.membership.updateMany({ where: { userId: a2.id }, data: { status: "left" } });
    expect(await api.a2.list()).toEqual([]);
    await expect(api.a2.get({ id: n.id })).rejects.toMatchObject(notFound);
  });

  it("several buildings in one notice; a building the manager does not run is NOT_FOUND and nothing is written", async () => {
    const { manager, building, other, api } = await setup();
    const { building: second } = await makeBuilding(t.db, manager.id, [{ staircase: "", floor: 0, door: "7" }]);
    const n = await api.manager.manage.create(waterCut(building.id, { targets: [{ buildingId: building.id, staircase: "" }, { buildingId: second.id, staircase: "" }] }));
    expect(n.targets.map((x) => x.buildingId).sort()).toEqual([building.id, second.id].sort());
    const before = await t.db.notice.count();
    await expect(api.manager.manage.create(waterCut(building.id, { targets: [{ buildingId: building.id, staircase: "" }, { buildingId: other.id, staircase: "" }] }))).rejects.toMatchObject(notFound);
    await expect(api.manager.manage.audience({ targets: [{ buildingId: other.id, staircase: "" }] })).rejects.toMatchObject(notFound);
    await expect(api.manager.manage.create(waterCut(building.id, { targets: [{ buildingId: building.id, staircase: "Z" }] }))).rejects.toMatchObject({ cause: { code: "NOTICE_STAIRCASE" } });
    expect(await t.db.notice.count()).toBe(before);
  });

  it("the other building's manager gets NOT_FOUND for everything of this notice, and cannot list this building", async () => {
    const { building, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id, { urgency: "urgent" }));
    await expect(api.otherManager.manage.get({ id: n.id })).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.report({ id: n.id })).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.withdraw({ id: n.id })).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.remind({ id: n.id })).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.update({ ...waterCut(building.id), id: n.id })).rejects.toMatchObject(notFound);
    await expect(api.otherManager.manage.list({ buildingId: building.id })).rejects.toMatchObject(notFound);
    expect((await t.db.notice.findUniqueOrThrow({ where: { id: n.id } })).withdrawnAt).toBeNull();
  });
});

describe("urgent notices", () => {
  it("stay in the banner until acknowledged; the report counts and lists the units nobody acknowledged", async () => {
    const { building, units, a1, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id, { urgency: "urgent", title: "Lift out of order", category: "lift" }));
    expect((await noticeNotifications(n.id)).every((x) => x.kind === "urgentNotice")).toBe(true);
    expect((await api.a1.pendingUrgent()).map((x) => x.id)).toEqual([n.id]);
    // Opening is seeing, not acknowledging.
    expect(await api.a1.get({ id: n.id })).toMatchObject({ acknowledgedAt: null });
    expect((await api.a1.pendingUrgent()).map((x) => x.id)).toEqual([n.id]);
    events.length = 0;
    const acked = await api.a1.acknowledge({ id: n.id });
    expect(acked.acknowledgedAt).toBeInstanceOf(Date);
    expect(await api.a1.pendingUrgent()).toEqual([]);
    expect(events.some((e) => e.type === "notice.read" && e.noticeId === n.id)).toBe(true);
    // Acknowledging again changes nothing.
    expect((await api.a1.acknowledge({ id: n.id })).acknowledgedAt).toEqual(acked.acknowledgedAt);
    // The partner of unit 101 did not acknowledge, but someone in that unit did: the unit is reached.
    const report = await api.manager.manage.report({ id: n.id });
    expect(report).toMatchObject({ residents: 4, units: 3, seen: 1, acknowledged: 1, reminderSentAt: null });
    expect(report.unitsNotReached.map((u) => u.unitId).sort()).toEqual([units[1]!.id, units[2]!.id].sort());
    // The acknowledgement cleared that person's urgent notification.
    const mine = await t.db.notification.findFirstOrThrow({ where: { userId: a1.id, link: `/notices/${n.id}` } });
    expect(mine.readAt).not.toBeNull();
  });

  it("a normal notice cannot be acknowledged or reminded", async () => {
    const { building, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id));
    await expect(api.a1.acknowledge({ id: n.id })).rejects.toMatchObject({ cause: { code: "NOTICE_NOT_URGENT" } });
    await expect(api.manager.manage.remind({ id: n.id })).rejects.toMatchObject({ cause: { code: "NOTICE_NOT_URGENT" } });
  });

  it("one reminder, to the residents of units where nobody acknowledged, even when two are sent at once", async () => {
    const { building, a1, a2, b1, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id, { urgency: "urgent" }));
    await api.a1.acknowledge({ id: n.id });
    const results = await Promise.allSettled([api.manager.manage.remind({ id: n.id }), api.manager.manage.remind({ id: n.id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { cause: { code: "NOTICE_REMINDER_SENT" } } });
    const reminded = await t.db.notification.findMany({ where: { dedupeKey: { startsWith: `notice:${n.id}:reminder:` } }, select: { userId: true } });
    expect(reminded.map((r) => r.userId).sort()).toEqual([a2.id, b1.id].sort());
    expect(reminded.map((r) => r.userId)).not.toContain(a1.id);
    expect((await api.manager.manage.report({ id: n.id })).reminderSentAt).toBeInstanceOf(Date);
  });
});

describe("scheduling, editing, withdrawing, expiring", () => {
  it("a scheduled notice is invisible until its time, then published once by concurrent job runs", async () => {
    const { building, a1, api } = await setup();
    const at = new Date(Date.now() + 3_600_000);
    const n = await api.manager.manage.create(waterCut(building.id, { publishAt: at }));
    expect(n).toMatchObject({ state: "scheduled", publishedAt: null });
    expect(await api.a1.list()).toEqual([]);
    await expect(api.a1.get({ id: n.id })).rejects.toMatchObject(notFound);
    expect(await noticeNotifications(n.id)).toEqual([]);
    expect(await publishDue(t.db, new Date(at.getTime() - 1000))).toBe(0);
    const later = new Date(at.getTime() + 1000);
    const runs = await Promise.all([publishDue(t.db, later), publishDue(t.db, later), publishDue(t.db, later)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await noticeNotifications(n.id)).filter((x) => x.userId === a1.id)).toHaveLength(1);
    expect(events.filter((e) => e.type === "notice.changed" && e.noticeId === n.id && e.action === "published")).toHaveLength(1);
  });

  it("an edit of a published notice shows as edited, keeps its targets and its publication time", async () => {
    const { building, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id));
    const edited = await api.manager.manage.update({ ...waterCut(building.id), id: n.id, title: "Water cut moved to Wednesday", body: "New time: <b>9:00</b>" });
    expect(edited).toMatchObject({ title: "Water cut moved to Wednesday", state: "published" });
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect(edited.publishAt).toEqual(n.publishAt);
    expect(edited.bodyHtml).toBe("<p>New time: &lt;b&gt;9:00&lt;/b&gt;</p>\n");
    expect((await api.a1.get({ id: n.id })).editedAt).toBeInstanceOf(Date);
    await expect(api.manager.manage.update({ ...waterCut(building.id), id: n.id, targets: [{ buildingId: building.id, staircase: "A" }] })).rejects.toMatchObject({
      cause: { code: "NOTICE_TARGETS_LOCKED" },
    });
    expect((await t.db.noticeTarget.findMany({ where: { noticeId: n.id } })).map((x) => x.staircase)).toEqual([""]);
  });

  it("a withdrawn notice disappears for residents (and its notifications are read); it cannot be withdrawn twice or edited", async () => {
    const { building, a1, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id, { urgency: "urgent" }));
    const w = await api.manager.manage.withdraw({ id: n.id });
    expect(w.state).toBe("withdrawn");
    expect(await api.a1.list()).toEqual([]);
    expect(await api.a1.pendingUrgent()).toEqual([]);
    await expect(api.a1.get({ id: n.id })).rejects.toMatchObject(notFound);
    expect(await t.db.notification.count({ where: { userId: a1.id, link: `/notices/${n.id}`, readAt: null } })).toBe(0);
    await expect(api.manager.manage.withdraw({ id: n.id })).rejects.toMatchObject({ cause: { code: "NOTICE_STATE" } });
    await expect(api.manager.manage.update({ ...waterCut(building.id), id: n.id })).rejects.toMatchObject({ cause: { code: "NOTICE_STATE" } });
  });

  it("an expired notice moves to the archive; pinned and urgent come first in the current list", async () => {
    const { building, api } = await setup();
    const old = await api.manager.manage.create(waterCut(building.id, { title: "Old one", expiresAt: new Date(Date.now() + 1500) }));
    const plain = await api.manager.manage.create(waterCut(building.id, { title: "Plain" }));
    const pinned = await api.manager.manage.create(waterCut(building.id, { title: "Pinned", pinned: true }));
    const urgent = await api.manager.manage.create(waterCut(building.id, { title: "Urgent", urgency: "urgent" }));
    await new Promise((r) => setTimeout(r, 1600));
    expect((await api.a1.list()).map((x) => x.id)).toEqual([pinned.id, urgent.id, plain.id]);
    expect((await api.a1.list({ archive: true })).map((x) => x.id)).toEqual([old.id]);
    expect((await api.manager.manage.list({ buildingId: building.id })).find((x) => x.id === old.id)?.state).toBe("expired");
  });

  it("refuses bad input with a clear error and writes nothing", async () => {
    const { building, api } = await setup();
    const before = await t.db.notice.count();
    await expect(api.manager.manage.create(waterCut(building.id, { title: "" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.manager.manage.create(waterCut(building.id, { body: "x".repeat(1_000_000) }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.manager.manage.create(waterCut(building.id, { endsAt: new Date(Date.now() - 86_400_000) }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.manager.manage.create(waterCut(building.id, { category: "gossip" as never }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.manager.manage.create(waterCut(building.id, { targets: [] }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.manager.manage.create(waterCut(building.id, { attachmentIds: ["cnosuchrow000000000000000"] }))).rejects.toMatchObject({ cause: { code: "NOTICE_ATTACHMENT" } });
    expect(await t.db.notice.count()).toBe(before);
  });

  it("residents cannot use the manager's procedures", async () => {
    const { building, api } = await setup();
    await expect(api.a1.manage.create(waterCut(building.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.a1.manage.list({ buildingId: building.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("attachments", () => {
  it("only the uploader's unattached files can be attached; the audience and managers can read them, nobody else", async () => {
    const { building, manager, otherManager, a1, b1, stranger, api } = await setupWithFiles();
    const mine = await t.db.noticeAttachment.create({ data: { ownerId: manager.id, kind: "pdf", name: "plan.pdf", bytes: 10 } });
    const theirs = await t.db.noticeAttachment.create({ data: { ownerId: otherManager.id, kind: "pdf", name: "x.pdf", bytes: 10 } });
    await expect(api.manager.manage.create(waterCut(building.id, { attachmentIds: [theirs.id] }))).rejects.toMatchObject({ cause: { code: "NOTICE_ATTACHMENT" } });
    const n = await api.manager.manage.create(waterCut(building.id, { targets: [{ buildingId: building.id, staircase: "A" }], attachmentIds: [mine.id] }));
    expect(n.attachments).toEqual([{ id: mine.id, kind: "pdf", name: "plan.pdf", bytes: 10, url: `/media/notice-files/${mine.id}` }]);
    const { canReadAttachment } = await import("./service");
    expect(await canReadAttachment(t.db, a1.id, mine.id)).not.toBeNull();
    expect(await canReadAttachment(t.db, manager.id, mine.id)).not.toBeNull();
    expect(await canReadAttachment(t.db, b1.id, mine.id)).toBeNull();
    expect(await canReadAttachment(t.db, stranger.id, mine.id)).toBeNull();
    expect(await canReadAttachment(t.db, otherManager.id, mine.id)).toBeNull();
  });
});

async function setupWithFiles() {
  const s = await setup();
  const otherManager = await t.db.user.findFirstOrThrow({ where: { name: "Other manager" }, orderBy: { createdAt: "desc" } });
  return { ...s, otherManager };
}

describe("review fixes", () => {
  it("a scheduled notice whose author no longer manages the building is not published", async () => {
    const { manager, building, api } = await setup();
    const at = new Date(Date.now() + 3_600_000);
    const n = await api.manager.manage.create(waterCut(building.id, { publishAt: at }));
    await t.db.buildingManager.deleteMany({ where: { userId: manager.id, buildingId: building.id } });
    expect(await publishDue(t.db, new Date(at.getTime() + 1000))).toBe(0);
    expect((await t.db.notice.findUniqueOrThrow({ where: { id: n.id } })).publishedAt).toBeNull();
    expect(await noticeNotifications(n.id)).toEqual([]);
  });

  it("a co-manager edits a notice that carries the other manager's attachment", async () => {
    const { manager, building, api } = await setup();
    const co = await makeUser(t.db, ["manager"], "Co-manager");
    await t.db.buildingManager.create({ data: { userId: co.id, buildingId: building.id } });
    const file = await t.db.noticeAttachment.create({ data: { ownerId: manager.id, kind: "pdf", name: "plan.pdf", bytes: 10 } });
    const n = await api.manager.manage.create(waterCut(building.id, { attachmentIds: [file.id] }));
    const edited = await callerFor(t.db, co, ["manager"]).notices.manage.update({ ...waterCut(building.id), id: n.id, title: "Water cut, new time", attachmentIds: [file.id] });
    expect(edited.attachments.map((a) => a.id)).toEqual([file.id]);
  });

  it("urgency is fixed once published (what residents were sent depends on it)", async () => {
    const { building, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id));
    await expect(api.manager.manage.update({ ...waterCut(building.id), id: n.id, urgency: "urgent" })).rejects.toMatchObject({ cause: { code: "NOTICE_URGENCY_LOCKED" } });
    expect((await t.db.notice.findUniqueOrThrow({ where: { id: n.id } })).urgency).toBe("normal");
    // Before publication it may still change.
    const later = await api.manager.manage.create(waterCut(building.id, { publishAt: new Date(Date.now() + 3_600_000) }));
    expect((await api.manager.manage.update({ ...waterCut(building.id), id: later.id, urgency: "urgent", publishAt: later.publishAt })).urgency).toBe("urgent");
  });

  it("opening a notice marks its notification read", async () => {
    const { building, a1, api } = await setup();
    const n = await api.manager.manage.create(waterCut(building.id));
    expect(await t.db.notification.count({ where: { userId: a1.id, link: `/notices/${n.id}`, readAt: null } })).toBe(1);
    await api.a1.get({ id: n.id });
    expect(await t.db.notification.count({ where: { userId: a1.id, link: `/notices/${n.id}`, readAt: null } })).toBe(0);
  });

  it("a notice to 1,200 residents: written on the driver once each, counted and reported without lists of ids", async () => {
    const manager = await makeUser(t.db, ["manager"], "Big manager");
    const { building } = await makeBuilding(t.db, manager.id, [{ staircase: "", floor: 0, door: "0" }]);
    const tag = Math.random().toString(36).slice(2, 8);
    const size = 1200;
    await t.db.unit.createMany({ data: Array.from({ length: size }, (_, i) => ({ buildingId: building.id, staircase: "", floor: Math.floor(i / 10), door: `d${i}` })) });
    await t.db.user.createMany({ data: Array.from({ length: size }, (_, i) => ({ email: `big-${tag}-${i}@test.invalid`, name: `Resident ${i}`, passwordHash: "x" })) });
    const users = await t.db.user.findMany({ where: { email: { startsWith: `big-${tag}-` } }, select: { id: true, email: true } });
    const units = await t.db.unit.findMany({ where: { buildingId: building.id, door: { startsWith: "d" } }, select: { id: true, door: true } });
    const unitOf = new Map(units.map((u) => [u.door, u.id]));
    await t.db.membership.createMany({ data: users.map((u) => ({ userId: u.id, unitId: unitOf.get(`d${u.email.split("-").pop()!.split("@")[0]}`)!, buildingId: building.id, status: "active", joinedVia: "code" })) });
    // One of them switched notices off: written, but already read.
    await t.db.notificationPreference.create({ data: { userId: users[0]!.id, kind: "notice", enabled: false } });
    const api = callerFor(t.db, manager, ["manager"]).notices;
    const n = await api.manage.create(waterCut(building.id));
    expect(n.reached).toBe(size);
    expect(await t.db.notification.count({ where: { link: `/notices/${n.id}` } })).toBe(size);
    expect(await t.db.notification.count({ where: { link: `/notices/${n.id}`, readAt: { not: null } } })).toBe(1);
    // A replay of the same batch writes nothing (the unique dedupe key decides on the driver).
    const { notify } = await import("../notifications/service");
    const again = await notify(t.db, users.map((u) => ({ userId: u.id, kind: "notice" as const, params: { title: "x", building: "y", category: "water" }, ref: n.id, dedupeKey: `notice:${n.id}:${u.id}` })));
    expect(again).toBe(0);
    const report = await api.manage.report({ id: n.id });
    expect(report).toMatchObject({ residents: size, units: size, seen: 0 });
    expect(report.unitsNotReached).toHaveLength(size);
    expect((await api.manage.list({ buildingId: building.id })).find((x) => x.id === n.id)?.reached).toBe(size);
  }, 60_000);
});
