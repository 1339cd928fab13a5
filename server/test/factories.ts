// Builders for test data and callers with a session of a given role.
import { randomBytes } from "node:crypto";
import type { TRole } from "../auth/roles";
import type { Db } from "../db";
import { createCaller } from "../root";
import type { TShopInput } from "../shops/schema";

// One cheap hash for every test user (hashing with real cost is tested in accounts tests).
const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$K0Uk2mBvnQ0nE0MO9m0Gq5bKxW2zJgb8sQJ1j5s4n0Y";

export async function makeUser(db: Db, roles: TRole[] = ["resident"], name = "Test User") {
  const email = `u-${randomBytes(5).toString("hex")}@example.test`;
  return db.user.create({ data: { email, name, passwordHash: PASSWORD_HASH, roles: { create: roles.map((role) => ({ role })) } } });
}

type TUserRef = { id: string; email: string; name: string };

export function callerFor(db: Db, user: TUserRef | null, roles: TRole[] = [], ip = "127.0.0.1") {
  return createCaller({ db, ip, session: user ? { userId: user.id, email: user.email, name: user.name, roles } : null });
}

export async function makeBuilding(db: Db, managerId: string, units = [{ staircase: "A", floor: 1, door: "101" }, { staircase: "A", floor: 1, door: "102" }]) {
  const building = await db.building.create({
    data: {
      name: "Test House",
      address: "1 rue du Test",
      postalCode: "69004",
      city: "Lyon",
      latitude: 45.77,
      longitude: 4.83,
      timeZone: "Europe/Paris",
      managers: { create: { userId: managerId } },
    },
  });
  const created = [];
  for (const u of units) created.push(await db.unit.create({ data: { ...u, buildingId: building.id } }));
  return { building, units: created };
}

/** What a merchant sends to open a shop: by default a grocery open every day, orderable until 23:58 (so there are always slots for the coming days). */
export const shopInput = (buildingIds: string[], over: Partial<TShopInput> = {}) => ({
  name: "Épicerie Martin",
  category: "grocery" as const,
  timeZone: "Europe/Paris",
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "08:00", closes: "19:00" })),
  windows: [{ starts: "23:58", ends: "23:59", cutoffMinutes: 0 }],
  buildingIds,
  ...over,
});

/** A shop opened through the router by `merchant` (a new "Marchand" unless given) and approved by `admin` (a new "Admin" unless given). */
export async function makeApprovedShop(
  db: Db,
  { buildingIds = [], merchant, admin, ...over }: Partial<TShopInput> & { merchant?: TUserRef; admin?: TUserRef } = {},
) {
  merchant ??= await makeUser(db, ["merchant"], "Marchand");
  admin ??= await makeUser(db, ["admin"], "Admin");
  const asMerchant = callerFor(db, merchant, ["merchant"]);
  const asAdmin = callerFor(db, admin, ["admin"]);
  const shop = await asMerchant.shops.manage.create(shopInput(buildingIds, over));
  await asAdmin.shops.admin.decide({ id: shop.id, decision: "approved" });
  return { merchant, asMerchant, admin, asAdmin, shop };
}

/** A well-formed id (a cuid) that no row has: for "not found" cases. */
export const MISSING_ID = "cnosuchrow000000000000000";
