// Repairers of the demo neighbourhood (issue 13): a plumber (exact times, a deposit), an
// electrician (arrival windows of a morning or an afternoon, two jobs each) and a garage,
// all approved and serving the three buildings; past jobs done and rated, and live bookings
// in each state, made through the booking service itself (holds, claims, deposits from the
// wallets) so the demo is exactly what the app would have written.
import type { Db } from "../../server/db";
import { book, confirm, decline, hold, listSlots, propose, saveService, start } from "../../server/repairs/service";
import type { TServiceSettings } from "../../server/repairs/schema";
import { SandboxProvider } from "../../server/payments/provider";
import { topUp } from "../../server/payments/service";
import { DEMO_USERS } from "./users";

const weekdays = (ranges: [string, string][], days = [1, 2, 3, 4, 5]) => days.flatMap((weekday) => ranges.map(([opens, closes]) => ({ weekday, opens, closes })));

const REPAIRERS: { owner: string; name: string; description: string; settings: TServiceSettings }[] = [
  {
    owner: "plumber",
    name: "Plomberie Fontaine",
    description: "Fuites, chauffe-eau, WC bouchés, robinetterie. Artisan du plateau depuis 1998.",
    settings: {
      calloutFeeCents: 3500,
      depositCents: 2000,
      mode: "exact",
      windowCapacity: 1,
      stepMinutes: 30,
      bufferMinutes: 30,
      minNoticeMinutes: 120,
      horizonDays: 21,
      cancelCutoffMinutes: 120,
      categories: [
        { category: "plumbing", durationMinutes: 60 },
        { category: "heating", durationMinutes: 120 },
      ],
      hours: [...weekdays([["08:00", "12:00"], ["14:00", "18:00"]]), ...weekdays([["09:00", "12:00"]], [6])],
      exceptions: [],
    },
  },
  {
    owner: "electrician",
    name: "Haddad Électricité",
    description: "Pannes, tableaux électriques, prises et éclairage, petit électroménager. Arrivée dans la matinée ou l'après-midi.",
    settings: {
      calloutFeeCents: 4000,
      depositCents: 0,
      mode: "window",
      windowCapacity: 2,
      stepMinutes: 30,
      bufferMinutes: 0,
      minNoticeMinutes: 240,
      horizonDays: 14,
      cancelCutoffMinutes: 240,
      categories: [
        { category: "electrical", durationMinutes: 90 },
        { category: "appliance", durationMinutes: 60 },
      ],
      hours: weekdays([["08:00", "12:00"], ["13:00", "17:00"]]),
      exceptions: [],
    },
  },
  {
    owner: "garage",
    name: "Garage du Plateau",
    description: "Entretien, pneus, batterie, diagnostic. On vient chercher la voiture en bas de chez vous.",
    settings: {
      calloutFeeCents: 0,
      depositCents: 5000,
      mode: "exact",
      windowCapacity: 1,
      stepMinutes: 60,
      bufferMinutes: 0,
      minNoticeMinutes: 60 * 12,
      horizonDays: 28,
      cancelCutoffMinutes: 60 * 24,
      categories: [{ category: "vehicle", durationMinutes: 120 }],
      hours: weekdays([["08:00", "12:00"], ["14:00", "18:00"]], [1, 2, 3, 4, 5, 6]),
      exceptions: [],
    },
  },
];

const PAST_JOBS: { repairer: number; resident: string; category: string; daysAgo: number; rating: number; comment: string; note: string; price: number; problem: string }[] = [
  { repairer: 0, resident: "resident", category: "plumbing", daysAgo: 40, rating: 5, comment: "Ponctuel et très propre, merci !", note: "Joint du mitigeur changé.", price: 6500, problem: "Le robinet de la cuisine goutte." },
  { repairer: 0, resident: "claire", category: "heating", daysAgo: 75, rating: 4, comment: "Efficace, un peu en retard.", note: "Purge et pression remise à 1,5 bar.", price: 9000, problem: "Radiateurs froids en haut." },
  { repairer: 0, resident: "hugo", category: "plumbing", daysAgo: 20, rating: 5, comment: "", note: "Siphon débouché.", price: 5500, problem: "L'évier ne se vide plus." },
  { repairer: 1, resident: "lea", category: "electrical", daysAgo: 30, rating: 5, comment: "Great job, explained everything.", note: "Disjoncteur différentiel remplacé.", price: 14000, problem: "The breaker trips when the oven is on." },
  { repairer: 1, resident: "resident", category: "appliance", daysAgo: 60, rating: 3, comment: "Réparé mais il a fallu revenir.", note: "Pompe de vidange changée.", price: 8000, problem: "Le lave-linge ne vidange plus." },
  { repairer: 2, resident: "mathis", category: "vehicle", daysAgo: 15, rating: 4, comment: "Voiture rendue lavée !", note: "Vidange et plaquettes avant.", price: 21000, problem: "Révision annuelle et bruit au freinage." },
];

export async function seedRepairs(db: Db, now = new Date()) {
  const users = new Map((await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, email: true } })).map((u) => [DEMO_USERS.find((d) => d.email === u.email)!.key, u.id]));
  const id = (key: string) => users.get(key)!;
  const buildings = await db.building.findMany({ select: { id: true } });
  const serviceIds: string[] = [];
  for (const r of REPAIRERS) {
    const shop = await db.shop.create({
      data: {
        ownerId: id(r.owner),
        name: r.name,
        description: r.description,
        category: "other",
        kind: "repairer",
        status: "approved",
        decidedById: id("admin"),
        decidedAt: now,
        timeZone: "Europe/Paris",
        buildings: { create: buildings.map((b) => ({ buildingId: b.id })) },
      },
    });
    await saveService(db, id(r.owner), shop.id, r.settings);
    serviceIds.push(shop.id);
  }

  const unitOf = async (key: string) => (await db.membership.findFirst({ where: { userId: id(key), status: "active" }, select: { unitId: true } }))?.unitId ?? null;

  // Jobs done and rated (the past: written as they ended, no time left to claim).
  for (const j of PAST_JOBS) {
    const startsAt = new Date(now.getTime() - j.daysAgo * 86_400_000);
    startsAt.setUTCHours(8, 0, 0, 0);
    const minutes = REPAIRERS[j.repairer]!.settings.categories.find((c) => c.category === j.category)!.durationMinutes;
    await db.repairBooking.create({
      data: {
        serviceId: serviceIds[j.repairer]!,
        residentId: id(j.resident),
        unitId: await unitOf(j.resident),
        category: j.category,
        startsAt,
        endsAt: new Date(startsAt.getTime() + minutes * 60_000),
        status: "done",
        description: j.problem,
        calloutFeeCents: REPAIRERS[j.repairer]!.settings.calloutFeeCents,
        repairerNote: j.note,
        finalPriceCents: j.price,
        rating: j.rating,
        ratingComment: j.comment || null,
        ratedAt: new Date(startsAt.getTime() + 86_400_000),
        requestedAt: new Date(startsAt.getTime() - 3 * 86_400_000),
        decidedAt: new Date(startsAt.getTime() - 2 * 86_400_000),
        startedAt: startsAt,
        doneAt: new Date(startsAt.getTime() + minutes * 60_000),
      },
    });
  }

  // Live bookings through the service: requested, confirmed, proposed, declined, in progress.
  let made = 0;
  const provider = new SandboxProvider();
  const live = async (repairer: number, resident: string, category: "plumbing" | "heating" | "electrical" | "appliance" | "vehicle", nth: number, problem: string, vehicle: { make: string; model: string; plate: string; location: string } | null = null) => {
    const serviceId = serviceIds[repairer]!;
    const { slots } = await listSlots(db, id(resident), { serviceId, category }, now);
    const slot = slots[Math.min(nth, slots.length - 1)];
    const unitId = await unitOf(resident);
    if (!slot || !unitId) return null;
    // A resident short of the deposit tops up first, as the booking page would ask them to.
    const deposit = REPAIRERS[repairer]!.settings.depositCents;
    const wallet = await db.ledgerAccount.findUnique({ where: { userId: id(resident) }, select: { balance: true } });
    if (deposit > (wallet?.balance ?? 0)) {
      const res = await topUp(db, id(resident), { amount: 5_000, idempotencyKey: `seed-repair-topup-${made + 1}` }, provider);
      if (res.status !== "succeeded") throw new Error(`seed: top-up for ${resident} ${res.status}`);
    }
    const h = await hold(db, id(resident), { serviceId, category, startsAt: slot.startsAt }, now);
    const b = await book(db, id(resident), { holdId: h.holdId, unitId, description: problem, photoIds: [], vehicle, idempotencyKey: `seed-repair-${++made}` }, now);
    return b.id;
  };
  const owner = (i: number) => id(REPAIRERS[i]!.owner);
  await live(0, "resident", "plumbing", 4, "La chasse d'eau coule en continu, même la nuit.");
  const confirmed = await live(1, "resident", "electrical", 2, "Deux prises du salon ne marchent plus depuis l'orage.");
  if (confirmed) await confirm(db, owner(1), confirmed, now);
  const moved = await live(0, "claire", "heating", 6, "Le chauffe-eau fait un bruit de bouilloire.");
  if (moved) {
    const { slots } = await listSlots(db, id("hugo"), { serviceId: serviceIds[0]!, category: "heating" }, now);
    if (slots[10]) await propose(db, owner(0), moved, slots[10].startsAt, now).catch(() => undefined);
  }
  const declined = await live(2, "hugo", "vehicle", 3, "Voyant moteur allumé.", { make: "Peugeot", model: "208", plate: "FG-482-KL", location: "Rue d'Austerlitz, devant le n° 12" });
  if (declined) await decline(db, owner(2), declined, "Pièce à commander : je ne peux pas avant trois semaines, désolé.", now);
  await live(2, "mathis", "vehicle", 1, "Changement des pneus avant.", { make: "Renault", model: "Clio", plate: "EK-193-PT", location: "Parking de la Tour, place 14" });
  // One job going on: confirmed, then started (starting is allowed an hour before).
  const going = await live(1, "lea", "appliance", 0, "The dishwasher shows error E24.");
  if (going) {
    await confirm(db, owner(1), going, now);
    const b = await db.repairBooking.findUniqueOrThrow({ where: { id: going }, select: { startsAt: true } });
    await start(db, owner(1), going, new Date(b.startsAt.getTime() - 30 * 60_000)).catch(() => undefined);
  }
  return { repairers: REPAIRERS.length, bookings: await db.repairBooking.count() };
}
