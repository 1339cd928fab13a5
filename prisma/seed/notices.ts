// Building notices of the demo neighbourhood (issue 14), made through the service itself (so
// the bodies are rendered and sanitised, and residents are notified as in real use): a water
// cut next week with its window, an urgent lift breakdown on staircase A of Les Canuts that
// one neighbour has confirmed, a pinned note about the bins, an expired notice in the archive
// and one scheduled for tomorrow. Dates are then moved so the demo reads as days of use.
import type { Db } from "../../server/db";
import { acknowledge, create, getForResident } from "../../server/notices/service";
import { DEMO_BUILDINGS } from "./buildings";
import { DEMO_USERS } from "./users";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Midnight UTC of the day `days` from now, plus `hours` (Paris is UTC+1 in winter, +2 in summer). */
const dayAt = (now: Date, days: number, hours: number) => {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(hours, 0, 0, 0);
  return d;
};

export async function seedNotices(db: Db, now: Date): Promise<{ notices: number }> {
  const userId = async (key: string) => (await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.key === key)!.email }, select: { id: true } })).id;
  const buildingId = async (key: string) => (await db.building.findFirstOrThrow({ where: { name: DEMO_BUILDINGS.find((b) => b.key === key)!.name }, select: { id: true } })).id;
  const manager = await userId("manager");
  // Once: a database that already has the manager's notices is left as it is.
  if ((await db.notice.count({ where: { authorId: manager } })) > 0) return { notices: 0 };
  const canuts = await buildingId("canuts");
  const jacquard = await buildingId("jacquard");
  const belvedere = await buildingId("belvedere");
  const base = { urgency: "normal" as const, startsAt: null, endsAt: null, publishAt: null, expiresAt: null, pinned: false, attachmentIds: [] };

  const tuesday = dayAt(now, 7, 7);
  const water = await create(db, manager, {
    ...base,
    targets: [{ buildingId: canuts, staircase: "" }],
    category: "water",
    title: "Coupure d’eau la semaine prochaine",
    body: "Bonjour,\n\nLa Régie des eaux remplace le compteur général : l’eau sera **coupée de 8 h à 12 h**.\n\n- Pensez à remplir quelques bouteilles la veille.\n- Gardez vos robinets fermés pendant la coupure.\n- Au retour de l’eau, laissez couler quelques minutes si elle est trouble.\n\nMerci de votre compréhension.\nSophie Lefèvre, votre gestionnaire",
    startsAt: tuesday,
    endsAt: new Date(tuesday.getTime() + 4 * HOUR),
    expiresAt: new Date(tuesday.getTime() + 6 * HOUR),
  });

  const lift = await create(db, manager, {
    ...base,
    targets: [{ buildingId: canuts, staircase: "A" }],
    category: "lift",
    urgency: "urgent",
    title: "Ascenseur de l’escalier A en panne",
    body: "Bonjour,\n\nL’ascenseur de l’escalier A est **à l’arrêt** depuis ce matin : une carte électronique a lâché. Le technicien d’Otis passe **jeudi matin**.\n\nSi vous avez besoin d’aide pour monter vos courses, dites-le-nous : des voisins se sont proposés.\n\nMerci de ne pas forcer les portes palières.",
  });
  await acknowledge(db, await userId("claire"), lift.id);

  const bins = await create(db, manager, {
    ...base,
    targets: [
      { buildingId: canuts, staircase: "" },
      { buildingId: jacquard, staircase: "" },
    ],
    category: "general",
    pinned: true,
    title: "Poubelles : nouveaux jours de collecte",
    body: "Depuis le 1er du mois, la Métropole collecte :\n\n- **ordures ménagères** : lundi, mercredi et vendredi ;\n- **tri (bac jaune)** : jeudi ;\n- **verre** : au point d’apport de la rue d’Austerlitz.\n\nSortez les bacs la veille après 19 h et rentrez-les avant midi. Merci !",
  });
  for (const key of ["resident", "hugo", "lea"]) await getForResident(db, await userId(key), bins.id);

  const old = await create(db, manager, {
    ...base,
    targets: [{ buildingId: canuts, staircase: "" }],
    category: "works",
    title: "Ravalement de la façade sur cour",
    body: "Les échafaudages sont posés côté cour pour trois semaines. Gardez vos fenêtres fermées pendant les heures de travail (8 h – 17 h).",
    expiresAt: new Date(now.getTime() + HOUR),
  });

  await create(db, manager, {
    ...base,
    targets: [{ buildingId: belvedere, staircase: "" }],
    category: "heating",
    title: "Entretien de la chaudière collective",
    body: "Le chauffagiste entretient la chaudière **demain de 9 h à 11 h** : radiateurs tièdes pendant l’intervention, eau chaude maintenue.",
    publishAt: dayAt(now, 1, 6),
    startsAt: dayAt(now, 1, 8),
    endsAt: dayAt(now, 1, 10),
    expiresAt: dayAt(now, 1, 18),
  });

  // Back in time: the lift since this morning, the bins for two weeks, the façade archived.
  const back = (d: number) => new Date(now.getTime() - d * DAY);
  await db.notice.update({ where: { id: water.id }, data: { publishAt: back(1), publishedAt: back(1), createdAt: back(1) } });
  await db.notice.update({ where: { id: lift.id }, data: { publishAt: back(0.15), publishedAt: back(0.15), createdAt: back(0.15) } });
  await db.notice.update({ where: { id: bins.id }, data: { publishAt: back(14), publishedAt: back(14), createdAt: back(14) } });
  await db.notice.update({ where: { id: old.id }, data: { publishAt: back(40), publishedAt: back(40), createdAt: back(40), expiresAt: back(19) } });
  return { notices: 5 };
}
