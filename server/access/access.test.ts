// The tenant-scoping fragments, each against people on both sides of its line.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { makeBuilding, makeUser } from "../test/factories";
import { sqlOf } from "../db";
import { assertManages, deliversTo, livesInBuilding, livesInUnit, livesInUnitSql, managesBuilding, ownedShop, takesPart } from ".";

const { t } = useTestDb();

async function world() {
  const manager = await makeUser(t.db, ["manager"]);
  const { building, units } = await makeBuilding(t.db, manager.id);
  const other = await makeBuilding(t.db, (await makeUser(t.db, ["manager"])).id);
  const active = await makeUser(t.db);
  const pending = await makeUser(t.db);
  const stranger = await makeUser(t.db);
  const merchant = await makeUser(t.db, ["merchant"]);
  await t.db.membership.create({ data: { userId: active.id, unitId: units[0]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
  await t.db.membership.create({ data: { userId: pending.id, unitId: units[1]!.id, buildingId: building.id, status: "pending", joinedVia: "request" } });
  const shop = await t.db.shop.create({ data: { ownerId: merchant.id, name: "Épicerie", category: "grocery", status: "approved", buildings: { create: { buildingId: building.id } } } });
  const unapproved = await t.db.shop.create({ data: { ownerId: merchant.id, name: "Pending", category: "grocery", status: "pending", buildings: { create: { buildingId: building.id } } } });
  const elsewhere = await t.db.shop.create({ data: { ownerId: merchant.id, name: "Elsewhere", category: "grocery", status: "approved", buildings: { create: { buildingId: other.building.id } } } });
  const conversation = await t.db.conversation.create({ data: { shopId: shop.id, residentId: active.id } });
  return { manager, building, units, other, active, pending, stranger, merchant, shop, unapproved, elsewhere, conversation };
}

describe("server/access", () => {
  it("scopes buildings, units, shops and conversations to the people they belong to", async () => {
    const w = await world();
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

    expect(ids(await t.db.building.findMany({ where: managesBuilding(w.manager.id) }))).toEqual([w.building.id]);
    expect(await t.db.building.count({ where: managesBuilding(w.active.id) })).toBe(0);

    expect(ids(await t.db.unit.findMany({ where: livesInUnit(w.active.id) }))).toEqual([w.units[0]!.id]);
    expect(await t.db.unit.count({ where: livesInUnit(w.pending.id) })).toBe(0);
    // The same line in plain SQL (payments look bills up on the driver).
    const unitsBySql = async (userId: string) => {
      const cond = livesInUnitSql(`u."id"`, userId);
      return (await sqlOf(t.db).all<{ id: string }>(`SELECT u."id" FROM "Unit" u WHERE ${cond.sql}`, cond.args)).map((r) => r.id).filter((id) => [...w.units, ...w.other.units].some((u) => u.id === id));
    };
    expect(await unitsBySql(w.active.id)).toEqual([w.units[0]!.id]);
    for (const who of [w.pending, w.stranger, w.manager]) expect(await unitsBySql(who.id)).toEqual([]);
    expect(ids(await t.db.building.findMany({ where: livesInBuilding(w.active.id) }))).toEqual([w.building.id]);
    expect(await t.db.building.count({ where: livesInBuilding(w.manager.id) })).toBe(0);

    expect(ids(await t.db.shop.findMany({ where: deliversTo(w.active.id) }))).toEqual([w.shop.id]);
    expect(await t.db.shop.count({ where: deliversTo(w.pending.id) })).toBe(0);
    expect(await t.db.shop.count({ where: deliversTo(w.stranger.id) })).toBe(0);

    for (const who of [w.active, w.merchant]) expect(await t.db.conversation.count({ where: { id: w.conversation.id, ...takesPart(who.id) } })).toBe(1);
    for (const who of [w.stranger, w.manager, w.pending]) expect(await t.db.conversation.count({ where: { id: w.conversation.id, ...takesPart(who.id) } })).toBe(0);
  });

  it("answers NOT_FOUND to anyone but the manager or the owner", async () => {
    const w = await world();
    await expect(assertManages(t.db, w.manager.id, w.building.id)).resolves.toBeUndefined();
    for (const who of [w.active, w.stranger]) await expect(assertManages(t.db, who.id, w.building.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(assertManages(t.db, w.manager.id, w.other.building.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(ownedShop(t.db, w.merchant.id, w.shop.id)).resolves.toMatchObject({ id: w.shop.id });
    for (const who of [w.active, w.stranger, w.manager]) await expect(ownedShop(t.db, who.id, w.shop.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
