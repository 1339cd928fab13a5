// Common-area repairs of the demo neighbourhood (issue 13), made through the service itself:
// a lift out of order on staircase A of Les Canuts with neighbours who said "me too", and the
// entrance lighting of Le Clos Jacquard, repaired last week. Timestamps are moved back so the
// demo reads as days of use (the service stamps "now").
import type { Db } from "../../server/db";
import { create, support, update } from "../../server/repairs/common";
import { DEMO_BUILDINGS } from "./buildings";
import { DEMO_USERS } from "./users";

const DAY = 86_400_000;

export async function seedCommonRepairs(db: Db, now: Date): Promise<{ repairs: number; supporters: number }> {
  const userId = async (key: string) => (await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.key === key)!.email }, select: { id: true } })).id;
  const buildingId = async (key: string) => (await db.building.findFirstOrThrow({ where: { name: DEMO_BUILDINGS.find((b) => b.key === key)!.name }, select: { id: true } })).id;
  const manager = await userId("manager");

  const lift = await create(db, manager, {
    buildingId: await buildingId("canuts"),
    staircase: "A",
    title: "Ascenseur en panne",
    description: "L'ascenseur de l'escalier A est bloqué au 2e étage. Merci de ne pas forcer les portes.",
    area: "lift",
  });
  await update(db, manager, { id: lift.id, status: "in_progress", note: "Le technicien passe jeudi matin ; pièce commandée." });
  for (const key of ["claire", "resident"]) await support(db, await userId(key), lift.id, true);

  const light = await create(db, manager, {
    buildingId: await buildingId("jacquard"),
    staircase: null,
    title: "Éclairage du hall d'entrée",
    description: "Deux plafonniers du hall ne s'allument plus le soir.",
    area: "lighting",
  });
  for (const key of ["resident2", "lea"]) await support(db, await userId(key), light.id, true);
  await update(db, manager, { id: light.id, status: "done", note: "Plafonniers remplacés par des LED à détecteur." });

  const back = (d: number) => new Date(now.getTime() - d * DAY);
  await db.commonRepair.update({ where: { id: lift.id }, data: { createdAt: back(3), startedAt: back(1), updatedAt: back(1) } });
  await db.commonRepair.update({ where: { id: light.id }, data: { createdAt: back(12), doneAt: back(6), updatedAt: back(6) } });
  await db.commonRepairSupport.updateMany({ where: { commonRepairId: { in: [lift.id, light.id] } }, data: { createdAt: back(2) } });
  return { repairs: 2, supporters: 4 };
}
