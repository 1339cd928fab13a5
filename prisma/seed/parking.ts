// About forty places to park around the Croix-Rousse plateau: public garages, paying street
// zones and each demo building's own spaces, some with EV chargers, with varied occupancy
// observed in the last minutes, and one garage whose feed went quiet two hours ago (shown
// as unknown). Occupancy is drawn from a fixed seed, so every fresh start looks the same.
import type { Db } from "../../server/db";

type TGarage = { name: string; operator: string; address: string; kind: "car_park" | "underground"; lat: number; lon: number; capacity: number; price: number; freeMinutes?: number; height?: number; ev?: [number, number]; disabled: number; hours?: "day" | "late"; url?: string };

const GARAGES: TGarage[] = [
  { name: "Parking Gros Caillou", operator: "LPA", address: "Boulevard de la Croix-Rousse, 69004 Lyon", kind: "underground", lat: 45.7763, lon: 4.8362, capacity: 366, price: 240, freeMinutes: 15, height: 190, ev: [8, 22], disabled: 8, url: "https://www.lpa.fr" },
  { name: "Parking Croix-Rousse Place", operator: "LPA", address: "Place de la Croix-Rousse, 69004 Lyon", kind: "underground", lat: 45.7745, lon: 4.8318, capacity: 420, price: 260, freeMinutes: 15, height: 200, ev: [12, 22], disabled: 9 },
  { name: "Parking Hénon", operator: "Indigo", address: "Rue Hénon, 69004 Lyon", kind: "underground", lat: 45.7795, lon: 4.8275, capacity: 180, price: 220, height: 185, disabled: 4, hours: "late" },
  { name: "Parking Marché Croix-Rousse", operator: "Ville de Lyon", address: "Boulevard de la Croix-Rousse, 69004 Lyon", kind: "car_park", lat: 45.7752, lon: 4.8270, capacity: 90, price: 180, disabled: 3, hours: "day" },
  { name: "Parking Cuire", operator: "Indigo", address: "Rue de Cuire, 69004 Lyon", kind: "underground", lat: 45.7801, lon: 4.8305, capacity: 210, price: 230, height: 195, ev: [4, 11], disabled: 5 },
  { name: "Parking Saint-Vincent", operator: "LPA", address: "Quai Saint-Vincent, 69001 Lyon", kind: "underground", lat: 45.7683, lon: 4.8238, capacity: 350, price: 280, freeMinutes: 15, height: 190, ev: [6, 22], disabled: 7 },
  { name: "Parking Terreaux", operator: "LPA", address: "Place des Terreaux, 69001 Lyon", kind: "underground", lat: 45.7676, lon: 4.8334, capacity: 720, price: 320, height: 190, ev: [10, 50], disabled: 14 },
  { name: "Parking Hôtel de Ville", operator: "LPA", address: "Place Louis-Pradel, 69001 Lyon", kind: "underground", lat: 45.7683, lon: 4.8366, capacity: 620, price: 320, height: 190, disabled: 12 },
  { name: "Parking Dumenge", operator: "Onepark", address: "Rue Dumenge, 69004 Lyon", kind: "car_park", lat: 45.7789, lon: 4.8334, capacity: 48, price: 150, disabled: 2, ev: [2, 7] },
  { name: "Parking Caluire Montessuy", operator: "Métropole de Lyon", address: "Avenue de Poumeyrol, 69300 Caluire", kind: "car_park", lat: 45.7867, lon: 4.8330, capacity: 150, price: 0, disabled: 4 },
  { name: "Parking Perrod", operator: "Indigo", address: "Rue Perrod, 69004 Lyon", kind: "underground", lat: 45.7773, lon: 4.8243, capacity: 120, price: 210, height: 180, disabled: 3 },
  { name: "Parking Chartreux", operator: "Zenpark", address: "Rue Pierre Dupont, 69001 Lyon", kind: "underground", lat: 45.7712, lon: 4.8225, capacity: 60, price: 190, height: 175, disabled: 1 },
];

const STREETS: [string, number, number][] = [
  ["Rue d'Austerlitz", 45.7769, 4.8318],
  ["Rue Dumenge", 45.7784, 4.8327],
  ["Rue Pailleron", 45.7796, 4.8322],
  ["Rue Denfert-Rochereau", 45.7781, 4.8289],
  ["Rue Hénon", 45.7791, 4.8262],
  ["Rue Chazière", 45.7811, 4.8217],
  ["Rue du Mail", 45.7757, 4.8300],
  ["Rue d'Ivry", 45.7779, 4.8303],
  ["Rue Jacquard", 45.7785, 4.8255],
  ["Rue Philippe de Lassalle", 45.7770, 4.8229],
  ["Rue Belfort", 45.7765, 4.8350],
  ["Rue Dumont d'Urville", 45.7749, 4.8382],
  ["Grande Rue de la Croix-Rousse", 45.7776, 4.8272],
  ["Rue Calas", 45.7806, 4.8271],
  ["Rue Villeneuve", 45.7810, 4.8300],
  ["Place Bellevue", 45.7738, 4.8373],
  ["Rue Burdeau", 45.7713, 4.8296],
  ["Montée de la Grande-Côte", 45.7705, 4.8322],
  ["Rue de Cuire", 45.7818, 4.8322],
  ["Rue Artaud", 45.7820, 4.8254],
  ["Rue Eugène Pons", 45.7792, 4.8233],
  ["Boulevard des Canuts", 45.7810, 4.8245],
];

/** A small deterministic generator (mulberry32), so the demo is the same on every start. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEK = [1, 2, 3, 4, 5, 6, 7];
const HOURS = {
  day: WEEK.filter((d) => d !== 7).map((weekday) => ({ weekday, opens: "07:00", closes: "20:00" })),
  late: WEEK.flatMap((weekday) => [
    { weekday, opens: "06:00", closes: "24:00" },
    { weekday, opens: "00:00", closes: "01:00" },
  ]),
};

export async function seedParking(db: Db, buildings: { id: string; name: string; address: string; latitude: number; longitude: number }[], now = new Date()) {
  const rnd = random(42);
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  /** Free spaces: mostly some room, a few nearly full, a few full. */
  const occupancy = (capacity: number) => {
    const r = rnd();
    if (r < 0.15) return 0;
    if (r < 0.35) return Math.max(1, Math.round(capacity * 0.05 * rnd()));
    return Math.round(capacity * (0.15 + 0.6 * rnd()));
  };
  let count = 0;
  for (const [i, g] of GARAGES.entries()) {
    const stale = i === 4; // Parking Cuire's feed went quiet.
    await db.parkingPlace.create({
      data: {
        source: "demo",
        externalId: `garage-${i + 1}`,
        name: g.name,
        operator: g.operator,
        address: g.address,
        kind: g.kind,
        latitude: g.lat,
        longitude: g.lon,
        alwaysOpen: !g.hours,
        capacity: g.capacity,
        capacityDisabled: g.disabled,
        capacityCharging: g.ev?.[0] ?? 0,
        freeSpaces: occupancy(g.capacity),
        observedAt: stale ? minutesAgo(125) : minutesAgo(1 + Math.floor(rnd() * 6)),
        pricePerHour: g.price,
        freeMinutes: g.freeMinutes ?? 0,
        maxStayMinutes: g.kind === "car_park" && g.price > 0 ? 4 * 60 : null,
        maxHeightCm: g.height ?? null,
        isCovered: g.kind === "underground",
        evChargers: g.ev?.[0] ?? 0,
        evPowerKw: g.ev?.[1] ?? null,
        publicUrl: g.url ?? null,
        hours: g.hours ? { create: HOURS[g.hours] } : undefined,
      },
    });
    count++;
  }
  for (const [i, [street, lat, lon]] of STREETS.entries()) {
    const capacity = 8 + Math.floor(rnd() * 30);
    await db.parkingPlace.create({
      data: {
        source: "demo",
        externalId: `street-${i + 1}`,
        name: `${street} (zone payante)`,
        operator: "Ville de Lyon",
        address: `${street}, 69004 Lyon`,
        kind: "on_street",
        latitude: lat,
        longitude: lon,
        // Paying Monday to Saturday 9:00–19:00; outside those hours the street is free (and open).
        alwaysOpen: true,
        capacity,
        capacityDisabled: i % 4 === 0 ? 1 : 0,
        capacityCharging: i % 7 === 3 ? 2 : 0,
        freeSpaces: occupancy(capacity),
        observedAt: minutesAgo(Math.floor(rnd() * 10)),
        pricePerHour: 240,
        freeMinutes: 0,
        maxStayMinutes: 2 * 60,
        evChargers: i % 7 === 3 ? 2 : 0,
        evPowerKw: i % 7 === 3 ? 7.4 : null,
      },
    });
    count++;
  }
  for (const b of buildings) {
    const capacity = 12 + Math.floor(rnd() * 20);
    await db.parkingPlace.create({
      data: {
        source: "demo",
        externalId: `building-${b.id}`,
        name: `${b.name} — parking des résidents`,
        operator: b.name,
        address: b.address,
        kind: "building",
        buildingId: b.id,
        latitude: b.latitude + 0.0002,
        longitude: b.longitude - 0.0002,
        alwaysOpen: true,
        capacity,
        capacityDisabled: 1,
        capacityCharging: 2,
        freeSpaces: occupancy(capacity),
        observedAt: minutesAgo(3),
        pricePerHour: null,
        isCovered: true,
        maxHeightCm: 200,
        evChargers: 2,
        evPowerKw: 7.4,
      },
    });
    count++;
  }
  return { places: count };
}
