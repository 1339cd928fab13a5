// A shop and a resident who may talk: a building, an active member, an approved shop
// delivering there (owned by a merchant), and their conversation.
import type { Db } from "../db";
import { makeBuilding, makeUser } from "./factories";

export async function makeChat(db: Db, opts: { residentName?: string; shopName?: string; hours?: { weekday: number; opens: string; closes: string }[] } = {}) {
  const manager = await makeUser(db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(db, manager.id);
  const resident = await makeUser(db, ["resident"], opts.residentName ?? "Alice");
  const merchant = await makeUser(db, ["merchant"], "Marchand");
  await db.membership.create({ data: { userId: resident.id, unitId: units[0]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
  const shop = await db.shop.create({
    data: {
      ownerId: merchant.id,
      name: opts.shopName ?? "Épicerie Martin",
      category: "grocery",
      status: "approved",
      buildings: { create: { buildingId: building.id } },
      hours: { create: opts.hours ?? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "00:00", closes: "23:59" })) },
    },
  });
  const conversation = await db.conversation.create({ data: { shopId: shop.id, residentId: resident.id } });
  return { manager, building, units, resident, merchant, shop, conversation };
}
