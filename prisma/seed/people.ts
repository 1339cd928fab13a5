// People and moderation in the demo (issue 16), through the people service itself: one
// account an admin suspended (Victor Lambert, who had been made a merchant), so that the
// people and audit pages are not empty. Timestamps are moved back so the demo reads as days
// of use (the service stamps "now").
import type { Db } from "../../server/db";
import { grantRole, suspendPerson, withdrawRole } from "../../server/people/service";
import { DEMO_USERS } from "./users";

const DAY = 86_400_000;

/** Not a demo account one signs in with: it is suspended. */
export const SUSPENDED_DEMO = { email: "victor.lambert@quartier.test", name: "Victor Lambert" };

export async function seedPeople(db: Db, now: Date, passwordHash: string): Promise<{ audit: number }> {
  const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.key === "admin")!.email }, select: { id: true } });
  const victor = await db.user.create({
    data: { email: SUSPENDED_DEMO.email, name: SUSPENDED_DEMO.name, locale: "fr", passwordHash, roles: { create: [{ role: "resident" }] }, createdAt: new Date(now.getTime() - 40 * DAY) },
  });
  await grantRole(db, admin.id, { userId: victor.id, role: "merchant" });
  await suspendPerson(db, admin.id, { userId: victor.id, reason: "Vente de produits contrefaits signalée par plusieurs résidents." }, now);
  await withdrawRole(db, admin.id, { userId: victor.id, role: "merchant" });

  const back = (d: number) => new Date(now.getTime() - d * DAY);
  const rows = await db.auditLog.findMany({ where: { targetId: victor.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  const when = [back(12), back(3), new Date(back(3).getTime() + 60_000)];
  for (const [i, r] of rows.entries()) await db.auditLog.update({ where: { id: r.id }, data: { createdAt: when[i] ?? back(3) } });
  await db.user.update({ where: { id: victor.id }, data: { suspendedAt: back(3) } });
  return { audit: rows.length };
}
