// Seeds the demo neighbourhood on an empty database (users table empty). Called by
// server/main.ts at start unless SEED_DEMO=false; also runnable: `npx tsx prisma/seed.ts`.
import type { Db } from "../server/db";
import { hashPassword } from "../server/auth/password";
import { DEMO_BUILDINGS, DEMO_INVITE, DEMO_RESIDENCES } from "./seed/buildings";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed/users";

export async function seedIfEmpty(db: Db): Promise<{ accounts: string[] } | null> {
  if ((await db.user.count()) > 0) return null;
  await seed(db);
  return { accounts: DEMO_USERS.slice(0, 7).map((u) => u.email) };
}

export async function seed(db: Db) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const users = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const row = await tx.user.create({
        data: { email: u.email, name: u.name, locale: u.locale, passwordHash, roles: { create: u.roles.map((role) => ({ role })) } },
      });
      users.set(u.key, row.id);
    }
    const managerId = users.get("manager")!;
    const units = new Map<string, { id: string; buildingId: string }>();
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
            units.set(`${key}/${s.name}/${door}`, { id: unit.id, buildingId: building.id });
          }
        }
      }
    }
    const unitOf = (building: string, staircase: string, door: string) => {
      const u = units.get(`${building}/${staircase}/${door}`);
      if (!u) throw new Error(`seed: no unit ${building}/${staircase}/${door}`);
      return u;
    };
    for (const r of DEMO_RESIDENCES) {
      const unit = unitOf(r.building, r.staircase, r.door);
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
  }, { timeout: 60_000 });
}
