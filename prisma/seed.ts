// Seeds the demo neighbourhood on an empty database (users table empty): accounts,
// buildings and units, a year of bills (./seed/bills.ts), then shops, their catalogues
// and a few orders (./seed/shops.ts), conversations, and places to park (./seed/parking.ts). Called by
// server/main.ts at start unless SEED_DEMO=false; also runnable: `npx tsx prisma/seed.ts`
// (on the configured, already migrated database).
import { pathToFileURL } from "node:url";
import type { Db } from "../server/db";
import { hashPassword } from "../server/auth/password";
import { seedBills, type TBillsSeedSummary, type TSeedPayer, type TSeedUnit } from "./seed/bills";
import { DEMO_BUILDINGS, DEMO_INVITE, DEMO_RESIDENCES } from "./seed/buildings";
import { seedChat } from "./seed/chat";
import { seedCommonRepairs } from "./seed/common-repairs";
import { seedNotices } from "./seed/notices";
import { seedParking } from "./seed/parking";
import { seedPeople } from "./seed/people";
import { seedPromotions } from "./seed/promotions";
import { seedRepairs } from "./seed/repairs";
import { seedShops, type TShopsSeedSummary } from "./seed/shops";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed/users";

export type TSeedSummary = {
  accounts: string[];
  /** Bills seeded. */
  bills: Omit<TBillsSeedSummary, "wallets">;
  /** Shops, products, photos and orders (by status) seeded. */
  shops: TShopsSeedSummary;
  /** Each resident's wallet balance in cents at the end (after bills and orders), by email. */
  wallets: Record<string, number>;
  /** Conversations and messages seeded. */
  chat: { conversations: number; messages: number };
  /** Parking places seeded. */
  parking: { places: number };
  /** Repairers and repair bookings seeded. */
  repairs: { repairers: number; bookings: number };
};

export async function seedIfEmpty(db: Db): Promise<TSeedSummary | null> {
  if ((await db.user.count()) > 0) return null;
  const { bills, shops, wallets, chat, parking, repairs } = await seed(db);
  const { wallets: _afterBills, ...counts } = bills;
  const emailOf = new Map(DEMO_USERS.map((u) => [u.key, u.email]));
  return {
    accounts: DEMO_USERS.slice(0, 7).map((u) => u.email),
    bills: counts,
    shops,
    wallets: Object.fromEntries(Object.entries(wallets).map(([key, cents]) => [emailOf.get(key) ?? key, cents])),
    chat,
    parking,
    repairs,
  };
}

export async function seed(db: Db, now = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { units, payers, managerId } = await db.$transaction(async (tx) => {
    const users = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const row = await tx.user.create({
        data: { email: u.email, name: u.name, locale: u.locale, passwordHash, roles: { create: u.roles.map((role) => ({ role })) } },
      });
      users.set(u.key, row.id);
    }
    const managerId = users.get("manager")!;
    const units = new Map<string, TSeedUnit>();
    const buildingIds = new Map<string, string>();
    for (const b of DEMO_BUILDINGS) {
      const { key, staircases, ...data } = b;
      const building = await tx.building.create({
        data: { ...data, timeZone: "Europe/Paris", managers: { create: { userId: managerId } } },
      });
      buildingIds.set(key, building.id);
      for (const s of staircases) {
        for (let floor = s.floors[0]; floor <= s.floors[1]; floor++) {
          for (let n = 1; n <= s.doorsPerFloor; n++) {
            const door = `${floor}${String(n).padStart(2, "0")}`;
            const unit = await tx.unit.create({ data: { buildingId: building.id, staircase: s.name, floor, door } });
            units.set(`${key}/${s.name}/${door}`, { id: unit.id, buildingId: building.id, building: key, staircase: s.name, floor, door });
          }
        }
      }
    }
    const unitOf = (building: string, staircase: string, door: string) => {
      const u = units.get(`${building}/${staircase}/${door}`);
      if (!u) throw new Error(`seed: no unit ${building}/${staircase}/${door}`);
      return u;
    };
    const payers: TSeedPayer[] = [];
    for (const r of DEMO_RESIDENCES) {
      const unit = unitOf(r.building, r.staircase, r.door);
      if (r.status === "active") payers.push({ userId: users.get(r.user)!, key: r.user, unitId: unit.id });
      await tx.membership.create({
        data: {
          userId: users.get(r.user)!,
          unitId: unit.id,
          buildingId: unit.buildingId,
          status: r.status,
          joinedVia: r.status === "active" ? "code" : "request",
          message: r.status === "pending" ? "Bonjour, je viens d'emménager au 2e étage." : null,
          decidedAt: r.status === "active" ? new Date() : null,
        },
      });
    }
    const inviteUnit = unitOf(DEMO_INVITE.building, DEMO_INVITE.staircase, DEMO_INVITE.door);
    await tx.inviteCode.create({
      data: {
        code: DEMO_INVITE.code,
        buildingId: inviteUnit.buildingId,
        unitId: inviteUnit.id,
        maxUses: DEMO_INVITE.maxUses,
        expiresAt: new Date(Date.now() + 365 * 86_400_000),
        createdById: managerId,
      },
    });
    return { units: [...units.values()], payers, managerId };
  }, { timeout: 60_000 });
  // Twelve months of bills and a year of wallet payments (prisma/seed/bills.ts).
  const bills = await seedBills(db, { units, payers, managerId, now });
  // Then the shops, their catalogues and photos, and orders paid from the wallets
  // (prisma/seed/shops.ts): after the bills, so the wallets have money in them.
  const shops = await seedShops(db, { now });
  // A few conversations between residents and shops (prisma/seed/chat.ts).
  const chat = await seedChat(db, now);
  // Places to park around the buildings, with live-looking occupancy (prisma/seed/parking.ts).
  const parking = await seedParking(db, await db.building.findMany({ select: { id: true, name: true, address: true, latitude: true, longitude: true }, orderBy: { createdAt: "asc" } }), now);
  // Repairers and their bookings, deposits paid from the wallets (prisma/seed/repairs.ts).
  const repairs = await seedRepairs(db, now);
  // Repairs of the buildings' common parts, with neighbours' "me too" (prisma/seed/common-repairs.ts).
  await seedCommonRepairs(db, now);
  // Neighbours who asked for shops' offers, and one promotion sent (prisma/seed/promotions.ts).
  await seedPromotions(db, now);
  // Building notices: a water cut, an urgent lift breakdown, the bins, the archive, tomorrow's (prisma/seed/notices.ts).
  await seedNotices(db, now);
  await seedPeople(db, now, passwordHash);
  // The wallets as they end, after the orders and deposits (by payer key).
  const accounts = await db.ledgerAccount.findMany({ where: { userId: { in: payers.map((p) => p.userId) } }, select: { userId: true, balance: true } });
  const wallets = Object.fromEntries(payers.map((p) => [p.key, accounts.find((a) => a.userId === p.userId)?.balance ?? 0]));
  return { bills, shops, wallets, chat, parking, repairs };
}

// `npx tsx prisma/seed.ts`: seed the configured database if it is empty, and say what it holds.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { getDb, prepareDb } = await import("../server/db");
  const { env } = await import("../env");
  const db = getDb();
  await prepareDb(db, env().databaseUrl);
  const started = Date.now();
  const seeded = await seedIfEmpty(db);
  console.log(seeded ? { ...seeded, ms: Date.now() - started } : "The database is not empty: nothing seeded.");
  await db.$disconnect();
}
