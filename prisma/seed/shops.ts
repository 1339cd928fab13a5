// Demo shops: three approved shops on the plateau run by the demo merchants, with hours,
// delivery buildings and windows, a catalogue with photos, and a few orders.
//
//   - merchant@  → Primeur de la Croix-Rousse (produce): November fruit and vegetables,
//                  some with limited stock, one out of stock, one no longer sold;
//   - merchant2@ → Eau & Co (water): packs of bottled water carried up to the door;
//   - merchant3@ → Boulangerie du Plateau (bakery): bread, viennoiseries and Lyon
//                  specialities, with the day's stock counts.
//
// Everything goes through the real services: photos through savePhoto (drawn as SVG in
// ./shop-art.ts, rendered to PNG by sharp, then resized and stored like an upload), shops and
// products through createShop / createProduct, approval through decideShop (by admin@),
// orders through placeOrder (paid from the wallet, idempotency keys) and transition().
//
// The story: resident@ (Les Canuts A302) tops up and has three delivered orders of the
// last two weeks, one per shop, so the wallet ends about where bills.ts left it; and each
// merchant has one order to act on today or tomorrow: resident2@ → the primeur (placed),
// Hugo Bernard → Eau & Co (placed), Claire Dubois → the bakery (accepted). Past orders are
// placed with their own "now" (a real slot of that day) and the timestamps the services
// stamp are then moved back to when things happened, for the rows written here only.
import type { Db } from "../../server/db";
import { checkLedger } from "../../server/ledger/ledger";
import { instantAt, zoned } from "../../server/lib/zoned";
import { placeOrder, transition } from "../../server/orders/service";
import { SandboxProvider } from "../../server/payments/provider";
import { topUp } from "../../server/payments/service";
import { ZProductInput, ZShopInput } from "../../server/shops/schema";
import { upcomingSlots, type TSlot } from "../../server/lib/hours";
import { createProduct, createShop, decideShop } from "../../server/shops/service";
import { savePhoto } from "../../server/storage/photos";
import { DEMO_BUILDINGS } from "./buildings";
import { productTile, renderPng, shopFront, type TArt, type TFront, type TPalette } from "./shop-art";
import { DEMO_USERS } from "./users";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TZ = "Europe/Paris";

type TProductSeed = {
  name: string;
  description: string;
  /** cents */
  price: number;
  unit: "piece" | "kg" | "pack";
  category: string;
  /** null = unlimited; for the bakery, what is left of the day's batch. */
  stock: number | null;
  isActive?: boolean;
  art: TArt;
};

type TShopSeed = {
  key: string;
  owner: string;
  name: string;
  description: string;
  category: "produce" | "water" | "bakery";
  minOrder: number;
  /** Days on Quartier (created, approved the next morning). */
  age: number;
  /** weekdays (1 = Monday) → opening spans */
  hours: [number[], string, string][];
  windows: { starts: string; ends: string; cutoffMinutes: number }[];
  buildings: string[];
  palette: TPalette;
  front: TFront;
  products: TProductSeed[];
};

const TUE_SAT = [2, 3, 4, 5, 6];

const apples = (body: string, shade: string, speckle?: string): TArt => ({ kind: "apples", body, shade, speckle });
const water = (count: 4 | 6 | 24, tint: string, cap: string, label: string, band: string, extra: { glass?: boolean; sparkling?: boolean } = {}): TArt => ({
  kind: "bottles",
  count,
  tint,
  cap,
  label,
  band,
  ...extra,
});

export const DEMO_SHOPS: TShopSeed[] = [
  {
    key: "primeur",
    owner: "merchant",
    name: "Primeur de la Croix-Rousse",
    description:
      "Fruits et légumes de saison, en direct des producteurs des monts du Lyonnais, du Pilat et de la vallée du Rhône. Choisis chaque matin au marché, livrés à votre porte.",
    category: "produce",
    minOrder: 800,
    age: 62,
    hours: [
      [TUE_SAT, "08:00", "12:30"],
      [TUE_SAT, "15:30", "19:30"],
      [[7], "08:00", "13:00"],
    ],
    windows: [
      { starts: "12:00", ends: "14:00", cutoffMinutes: 120 },
      { starts: "18:00", ends: "20:00", cutoffMinutes: 120 },
    ],
    buildings: ["canuts", "jacquard", "belvedere"],
    palette: { bg: "#E9F2DE", disc: "#F5F9EE" },
    front: { facade: "#E8C7A0", trim: "#2F6B3A", accent: "#3F8A4B", sign: "apple", display: "produce" },
    products: [
      { name: "Pommes Golden du Pilat", description: "Croquantes et sucrées, d'un verger de Pélussin.", price: 320, unit: "kg", category: "Fruits", stock: null, art: apples("#E9C84A", "#C9A12E") },
      { name: "Pommes Reinette grise du Canada", description: "Acidulées, parfaites pour les tartes et la compote.", price: 450, unit: "kg", category: "Fruits", stock: null, art: apples("#B98B47", "#8F6A32", "#D8B476") },
      { name: "Poires Conférence", description: "Fondantes et parfumées, de la vallée du Rhône.", price: 390, unit: "kg", category: "Fruits", stock: null, art: { kind: "pears" } },
      { name: "Clémentines de Corse IGP", description: "Avec leurs feuilles, cueillies il y a moins d'une semaine.", price: 560, unit: "kg", category: "Fruits", stock: 12, art: { kind: "clementines" } },
      { name: "Noix de Grenoble AOP", description: "Récolte de cet automne, en coque.", price: 1190, unit: "kg", category: "Fruits", stock: 5, art: { kind: "walnuts" } },
      { name: "Raisin Muscat de Hambourg", description: "La saison est finie : de retour en septembre.", price: 690, unit: "kg", category: "Fruits", stock: null, isActive: false, art: { kind: "grapes" } },
      { name: "Potimarron", description: "Environ 1,2 kg. Se cuisine avec la peau, en soupe ou rôti.", price: 290, unit: "piece", category: "Légumes", stock: 8, art: { kind: "squash" } },
      { name: "Courge butternut", description: "Environ 1 kg, chair douce et onctueuse.", price: 320, unit: "piece", category: "Légumes", stock: 0, art: { kind: "butternut" } },
      { name: "Poireaux", description: "Des monts du Lyonnais, pour la fondue ou la vinaigrette.", price: 290, unit: "kg", category: "Légumes", stock: null, art: { kind: "leeks" } },
      { name: "Carottes des sables", description: "Sucrées, à croquer crues ou en gratin.", price: 230, unit: "kg", category: "Légumes", stock: null, art: { kind: "carrots" } },
      { name: "Pommes de terre Charlotte", description: "Chair ferme, pour la vapeur et les salades.", price: 260, unit: "kg", category: "Légumes", stock: null, art: { kind: "potatoes" } },
      { name: "Champignons de Paris", description: "Blonds et fermes, barquette de 250 g.", price: 260, unit: "pack", category: "Légumes", stock: 10, art: { kind: "mushrooms" } },
      { name: "Salade batavia", description: "Croquante, d'un maraîcher de l'Est lyonnais.", price: 150, unit: "piece", category: "Légumes", stock: 15, art: { kind: "lettuce" } },
      { name: "Échalotes grises", description: "Filet de 500 g.", price: 320, unit: "pack", category: "Légumes", stock: null, art: { kind: "shallots" } },
      { name: "Persil plat", description: "La botte.", price: 120, unit: "piece", category: "Herbes", stock: null, art: { kind: "parsley" } },
    ],
  },
  {
    key: "eau",
    owner: "merchant2",
    name: "Eau & Co",
    description:
      "Vos packs d'eau montés jusqu'à votre porte, ascenseur ou pas : plates, gazeuses, en bouteilles ou en bidon. Livraison le midi ou le soir.",
    category: "water",
    minOrder: 1000,
    age: 35,
    hours: [
      [[1, 2, 3, 4, 5], "09:00", "19:00"],
      [[6], "09:00", "13:00"],
    ],
    windows: [
      { starts: "10:00", ends: "12:00", cutoffMinutes: 180 },
      { starts: "18:00", ends: "20:00", cutoffMinutes: 240 },
    ],
    buildings: ["canuts", "belvedere"],
    palette: { bg: "#E2EEF7", disc: "#F2F7FB" },
    front: { facade: "#F0D9C8", trim: "#1F5E8C", accent: "#2E7CC4", sign: "drop", display: "water" },
    products: [
      { name: "Evian 6 × 1,5 L", description: "Eau minérale naturelle des Alpes.", price: 540, unit: "pack", category: "Eaux plates", stock: null, art: water(6, "#E3F0FA", "#E8477A", "#F7F9FC", "#E8477A") },
      { name: "Volvic 6 × 1,5 L", description: "Eau minérale naturelle d'Auvergne.", price: 470, unit: "pack", category: "Eaux plates", stock: null, art: water(6, "#E3F0FA", "#D6262F", "#2D6FB7", "#D6262F") },
      { name: "Vittel 6 × 1,5 L", description: "Eau minérale naturelle des Vosges.", price: 430, unit: "pack", category: "Eaux plates", stock: null, art: water(6, "#E3F0FA", "#1E88C8", "#F7F9FC", "#E4322B") },
      { name: "Cristaline 6 × 1,5 L", description: "Eau de source, le petit prix.", price: 210, unit: "pack", category: "Eaux plates", stock: null, art: water(6, "#E3F0FA", "#1F5FAD", "#3C8DDA", "#F7F9FC") },
      { name: "Hépar 6 × 1 L", description: "Riche en magnésium.", price: 590, unit: "pack", category: "Eaux plates", stock: 4, art: water(6, "#E3F0FA", "#1B3F8B", "#F2F2F2", "#1B3F8B") },
      { name: "Evian 24 × 50 cl", description: "Le format nomade, en carton de 24.", price: 1090, unit: "pack", category: "Eaux plates", stock: 6, art: water(24, "#E3F0FA", "#E8477A", "#F7F9FC", "#E8477A") },
      { name: "Cristaline 5 L", description: "Bidon avec poignée.", price: 135, unit: "piece", category: "Eaux plates", stock: null, art: { kind: "jug" } },
      { name: "Badoit 6 × 1 L", description: "Finement pétillante, de Saint-Galmier.", price: 570, unit: "pack", category: "Eaux gazeuses", stock: null, art: water(6, "#D7EEDF", "#1F7A4A", "#2E8B57", "#F2E6C8", { sparkling: true }) },
      { name: "San Pellegrino 6 × 1 L", description: "Fines bulles, bouteilles en verre.", price: 620, unit: "pack", category: "Eaux gazeuses", stock: 12, art: water(6, "#9FCB98", "#C8102E", "#F4F1EA", "#C8102E", { glass: true, sparkling: true }) },
      { name: "Perrier 4 × 1 L", description: "Bulles intenses.", price: 460, unit: "pack", category: "Eaux gazeuses", stock: null, art: water(4, "#7DBF84", "#1E6B3A", "#F1E6B8", "#1E6B3A", { glass: true, sparkling: true }) },
      { name: "Châteldon 75 cl", description: "Eau pétillante naturelle d'Auvergne, en verre.", price: 420, unit: "piece", category: "Eaux gazeuses", stock: 24, art: { kind: "glassBottle" } },
    ],
  },
  {
    key: "boulangerie",
    owner: "merchant3",
    name: "Boulangerie du Plateau",
    description:
      "Boulangerie artisanale au cœur du plateau : pains au levain, viennoiseries pur beurre et spécialités lyonnaises. Livraison du matin pour le petit-déjeuner (commande la veille avant 21 h 30).",
    category: "bakery",
    minOrder: 500,
    age: 48,
    hours: [
      [TUE_SAT, "06:30", "13:30"],
      [TUE_SAT, "15:30", "19:30"],
      [[7], "07:00", "13:00"],
    ],
    windows: [
      { starts: "07:30", ends: "09:00", cutoffMinutes: 600 },
      { starts: "17:30", ends: "19:00", cutoffMinutes: 120 },
    ],
    buildings: ["canuts", "jacquard", "belvedere"],
    palette: { bg: "#F6EAD8", disc: "#FBF5EB" },
    front: { facade: "#EBD3A8", trim: "#8A2F2A", accent: "#A8433C", sign: "wheat", display: "bakery" },
    products: [
      { name: "Baguette tradition", description: "Farine Label Rouge, longue fermentation.", price: 130, unit: "piece", category: "Pains", stock: 60, art: { kind: "baguettes", count: 1, dusted: true } },
      { name: "Baguette", description: "La classique, croustillante.", price: 110, unit: "piece", category: "Pains", stock: 40, art: { kind: "baguettes", count: 2 } },
      { name: "Pain de campagne (500 g)", description: "Au levain, croûte épaisse, se garde plusieurs jours.", price: 340, unit: "piece", category: "Pains", stock: 12, art: { kind: "boule" } },
      { name: "Pain aux céréales (400 g)", description: "Graines de lin, tournesol et sésame.", price: 380, unit: "piece", category: "Pains", stock: 10, art: { kind: "cereal" } },
      { name: "Croissant pur beurre", description: "Beurre AOP Charentes-Poitou.", price: 125, unit: "piece", category: "Viennoiseries", stock: 36, art: { kind: "croissant" } },
      { name: "Pain au chocolat", description: "Deux barres de chocolat noir.", price: 140, unit: "piece", category: "Viennoiseries", stock: 36, art: { kind: "painChocolat" } },
      { name: "Pain aux raisins", description: "Crème pâtissière et raisins macérés.", price: 160, unit: "piece", category: "Viennoiseries", stock: 12, art: { kind: "painRaisins" } },
      { name: "Chausson aux pommes", description: "Compote maison de pommes du Pilat.", price: 190, unit: "piece", category: "Viennoiseries", stock: 12, art: { kind: "chausson" } },
      { name: "Brioche aux pralines", description: "La brioche lyonnaise aux pralines roses, pour 4 à 6.", price: 790, unit: "piece", category: "Spécialités lyonnaises", stock: 6, art: { kind: "briochePraline" } },
      { name: "Tarte aux pralines", description: "Pâte sablée et pralines roses fondues à la crème, 6 parts.", price: 1950, unit: "piece", category: "Spécialités lyonnaises", stock: 3, art: { kind: "tartePraline" } },
      { name: "Bugnes lyonnaises (250 g)", description: "Croustillantes, saupoudrées de sucre glace.", price: 590, unit: "pack", category: "Spécialités lyonnaises", stock: 15, art: { kind: "bugnes" } },
      { name: "Flan pâtissier (part)", description: "Vanille de Madagascar.", price: 290, unit: "piece", category: "Pâtisseries", stock: 8, art: { kind: "flan" } },
    ],
  },
];

type TOrderSeed = {
  shop: string;
  customer: string;
  lines: [string, number][];
  note: string;
  /** The delivery window wanted (its start). */
  window: string;
} & (
  | { status: "delivered"; /** placed this many days ago (moved back if the shop is closed on the delivery day) … */ daysAgo: number; /** … at this local time */ at: string }
  | { status: "placed" | "accepted"; /** placed this long before the seed */ minutesAgo: number }
);

export const DEMO_ORDERS: TOrderSeed[] = [
  {
    shop: "boulangerie",
    customer: "resident",
    status: "delivered",
    daysAgo: 11,
    at: "20:05",
    window: "07:30",
    note: "Déposer devant la porte, merci !",
    lines: [
      ["Baguette tradition", 2],
      ["Croissant pur beurre", 4],
      ["Brioche aux pralines", 1],
    ],
  },
  {
    shop: "eau",
    customer: "resident",
    status: "delivered",
    daysAgo: 6,
    at: "09:10",
    window: "18:00",
    note: "3e étage sans ascenseur. Merci !",
    lines: [
      ["Evian 6 × 1,5 L", 2],
      ["Badoit 6 × 1 L", 1],
    ],
  },
  {
    shop: "primeur",
    customer: "resident",
    status: "delivered",
    daysAgo: 2,
    at: "15:20",
    window: "18:00",
    note: "",
    lines: [
      ["Pommes Golden du Pilat", 2],
      ["Clémentines de Corse IGP", 1],
      ["Potimarron", 1],
      ["Poireaux", 1],
      ["Champignons de Paris", 1],
      ["Salade batavia", 1],
    ],
  },
  // Live: one order per merchant to act on.
  {
    shop: "primeur",
    customer: "resident2",
    status: "placed",
    minutesAgo: 35,
    window: "18:00",
    note: "Interphone Benali, 2e étage.",
    lines: [
      ["Pommes Reinette grise du Canada", 1],
      ["Carottes des sables", 1],
      ["Potimarron", 1],
      ["Échalotes grises", 1],
      ["Persil plat", 1],
    ],
  },
  {
    shop: "eau",
    customer: "hugo",
    status: "placed",
    minutesAgo: 12,
    window: "18:00",
    note: "5e étage, pas d'ascenseur.",
    lines: [
      ["Cristaline 6 × 1,5 L", 2],
      ["Volvic 6 × 1,5 L", 1],
      ["San Pellegrino 6 × 1 L", 1],
    ],
  },
  {
    shop: "boulangerie",
    customer: "claire",
    status: "accepted",
    minutesAgo: 130,
    window: "07:30",
    note: "",
    lines: [
      ["Baguette tradition", 1],
      ["Pain au chocolat", 2],
      ["Pain de campagne (500 g)", 1],
    ],
  },
];

export type TShopsSeedSummary = { shops: number; products: number; photos: number; orders: Record<string, number> };

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export async function seedShops(db: Db, input: { now?: Date } = {}): Promise<TShopsSeedSummary> {
  const now = input.now ?? new Date();
  const users = new Map(
    (await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, email: true } })).map((u) => [
      DEMO_USERS.find((d) => d.email === u.email)!.key,
      u.id,
    ]),
  );
  const userId = (key: string) => {
    const id = users.get(key);
    if (!id) throw new Error(`seed: no demo user ${key}`);
    return id;
  };
  const buildingNames = new Map(DEMO_BUILDINGS.map((b) => [b.key, b.name]));
  const buildings = new Map((await db.building.findMany({ select: { id: true, name: true } })).map((b) => [b.name, b.id]));
  const buildingId = (key: string) => {
    const id = buildings.get(buildingNames.get(key) ?? "");
    if (!id) throw new Error(`seed: no demo building ${key}`);
    return id;
  };
  const adminId = userId("admin");

  // ── Photos: drawn, rendered and stored through the upload pipeline. A photo that fails
  // (an unusual sharp build, say) leaves its product without one rather than the demo
  // half-seeded.
  const jobs = DEMO_SHOPS.flatMap((s) => [
    { shop: s.key, product: null as string | null, owner: s.owner, svg: () => shopFront(s.front) },
    ...s.products.map((p) => ({ shop: s.key, product: p.name, owner: s.owner, svg: () => productTile(p.art, s.palette) })),
  ]);
  let photoFailures = 0;
  const photoIds = await pool(jobs, 4, async (job) => {
    try {
      return (await savePhoto(db, userId(job.owner), await renderPng(job.svg()))).id;
    } catch (e) {
      if (photoFailures++ === 0) console.warn("seed: a demo photo could not be made; going on without it", e);
      return null;
    }
  });
  const photoOf = (shop: string, product: string | null) => photoIds[jobs.findIndex((j) => j.shop === shop && j.product === product)] ?? null;

  // ── Shops, approved by the admin, and their catalogues.
  const shops = new Map<string, { id: string; ownerId: string; seed: TShopSeed; createdAt: Date; approvedAt: Date; products: Map<string, string> }>();
  for (const s of DEMO_SHOPS) {
    const ownerId = userId(s.owner);
    const shop = await createShop(
      db,
      ownerId,
      ZShopInput.parse({
        name: s.name,
        description: s.description,
        category: s.category,
        photoId: photoOf(s.key, null),
        minOrder: s.minOrder,
        timeZone: TZ,
        hours: s.hours.flatMap(([days, opens, closes]) => days.map((weekday) => ({ weekday, opens, closes }))),
        windows: s.windows,
        buildingIds: s.buildings.map(buildingId),
      }),
    );
    const products = new Map<string, string>();
    for (const p of s.products) {
      const { art: _art, ...fields } = p;
      const created = await createProduct(db, ownerId, shop.id, ZProductInput.parse({ ...fields, photoId: photoOf(s.key, p.name) }));
      products.set(p.name, created.id);
    }
    await decideShop(db, adminId, shop.id, "approved");
    // Signed up `age` days ago in the afternoon, approved the next morning.
    const createdAt = instantAt(addDays(zoned(now, TZ).date, -s.age), "14:20", TZ);
    const approvedAt = instantAt(addDays(zoned(now, TZ).date, 1 - s.age), "09:15", TZ);
    shops.set(s.key, { id: shop.id, ownerId, seed: s, createdAt, approvedAt, products });
  }

  // ── Orders.
  const units = new Map(
    (await db.membership.findMany({ where: { userId: { in: [...users.values()] }, status: "active" }, select: { userId: true, unitId: true } })).map((m) => [m.userId, m.unitId]),
  );
  const shopOf = (key: string) => {
    const s = shops.get(key);
    if (!s) throw new Error(`seed: no demo shop ${key}`);
    return s;
  };
  const isOpenOn = (s: TShopSeed, date: string) => s.hours.some(([days]) => days.includes(weekdayOf(date)));
  const windowsOf = async (shopId: string) => db.deliveryWindow.findMany({ where: { shopId, isActive: true } });
  const priceOf = (o: TOrderSeed) => {
    const s = shopOf(o.shop).seed;
    return o.lines.reduce((sum, [name, qty]) => sum + s.products.find((p) => p.name === name)!.price * qty, 0);
  };

  /** The slot an order goes to: the wanted window on a day the shop is open, else any open day's. */
  const pickSlot = (slots: TSlot[], s: TShopSeed, window: string) =>
    slots.find((x) => x.starts === window && isOpenOn(s, x.date)) ?? slots.find((x) => isOpenOn(s, x.date)) ?? slots[0];

  const backdate: { orderId: string; transactionId: string; placedAt: Date; acceptedAt?: Date; deliveredAt?: Date }[] = [];
  const provider = new SandboxProvider();
  const pastOrders = DEMO_ORDERS.filter((o): o is Extract<TOrderSeed, { status: "delivered" }> => o.status === "delivered");

  // Past orders: each at a real slot of its day.
  const plans = await Promise.all(
    pastOrders.map(async (o) => {
      const shop = shopOf(o.shop);
      const windows = await windowsOf(shop.id);
      // The day the order was placed: moved further back until the delivery falls on a day the shop is open.
      for (let back = 0; back < 7; back++) {
        const placedAt = instantAt(addDays(zoned(now, TZ).date, -(o.daysAgo + back)), o.at, TZ);
        const slot = upcomingSlots(windows, TZ, placedAt).find((x) => x.starts === o.window);
        if (slot && isOpenOn(shop.seed, slot.date) && instantAt(slot.date, slot.ends, TZ).getTime() < now.getTime() - HOUR) return { o, shop, placedAt, slot };
      }
      throw new Error(`seed: no past slot for the ${o.shop} order`);
    }),
  );
  // Their customer tops up a little before the first one, about what they cost, so the
  // wallet still holds roughly what bills.ts left it for the bills.
  const topUps = new Map<string, { amount: number; at: Date }>();
  for (const p of plans) {
    const t = topUps.get(p.o.customer);
    const at = new Date(p.placedAt.getTime() - 12 * MINUTE);
    topUps.set(p.o.customer, { amount: (t?.amount ?? 0) + priceOf(p.o), at: t && t.at < at ? t.at : at });
  }
  const topUpBackdate: { transactionId: string; intentId: string; at: Date }[] = [];
  for (const [customer, t] of topUps) {
    const amount = Math.ceil(t.amount / 500) * 500; // a round amount, a little over what the orders cost
    const res = await topUp(db, userId(customer), { amount, idempotencyKey: "seed-shops-topup" }, provider);
    if (res.status !== "succeeded" || !res.transactionId) throw new Error(`seed: shops top-up for ${customer} ${res.status}`);
    topUpBackdate.push({ transactionId: res.transactionId, intentId: res.intentId, at: t.at });
  }

  const touched = new Set<string>();
  let seq = 0;
  for (const { o, shop, placedAt, slot } of plans.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime())) {
    const customerId = userId(o.customer);
    const placed = await placeOrder(
      db,
      customerId,
      {
        shopId: shop.id,
        unitId: units.get(customerId)!,
        windowId: slot.windowId,
        date: slot.date,
        note: o.note,
        lines: o.lines.map(([name, quantity]) => ({ productId: shop.products.get(name)!, quantity })),
        idempotencyKey: `seed-order-${++seq}`,
      },
      placedAt,
    );
    for (const [name] of o.lines) touched.add(shop.products.get(name)!);
    const merchant = { userId: shop.ownerId, as: "merchant" as const };
    for (const to of ["accepted", "out_for_delivery", "delivered"] as const) await transition(db, merchant, placed.orderId, to);
    const start = instantAt(slot.date, slot.starts, TZ);
    backdate.push({
      orderId: placed.orderId,
      transactionId: (await db.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: { transactionId: true } })).transactionId,
      placedAt,
      acceptedAt: new Date(Math.min(placedAt.getTime() + 22 * MINUTE, start.getTime() - 30 * MINUTE)),
      deliveredAt: new Date(start.getTime() + (25 + ((seq * 17) % 40)) * MINUTE),
    });
  }
  // What was sold in the past is not missing from today's shelves: the stock counts are
  // today's again before today's orders come in.
  for (const s of shops.values())
    for (const p of s.seed.products) {
      const id = s.products.get(p.name)!;
      if (touched.has(id) && p.stock !== null) await db.product.update({ where: { id }, data: { stock: p.stock } });
    }

  for (const o of DEMO_ORDERS) {
    if (o.status === "delivered") continue;
    const shop = shopOf(o.shop);
    const customerId = userId(o.customer);
    const slot = pickSlot(upcomingSlots(await windowsOf(shop.id), TZ, now), shop.seed, o.window);
    if (!slot) throw new Error(`seed: no upcoming slot for the ${o.shop} order`);
    const placed = await placeOrder(
      db,
      customerId,
      {
        shopId: shop.id,
        unitId: units.get(customerId)!,
        windowId: slot.windowId,
        date: slot.date,
        note: o.note,
        lines: o.lines.map(([name, quantity]) => ({ productId: shop.products.get(name)!, quantity })),
        idempotencyKey: `seed-order-${++seq}`,
      },
      now,
    );
    if (o.status === "accepted") await transition(db, { userId: shop.ownerId, as: "merchant" }, placed.orderId, "accepted");
    const placedAt = new Date(now.getTime() - o.minutesAgo * MINUTE);
    backdate.push({
      orderId: placed.orderId,
      transactionId: (await db.order.findUniqueOrThrow({ where: { id: placed.orderId }, select: { transactionId: true } })).transactionId,
      placedAt,
      acceptedAt: o.status === "accepted" ? new Date(Math.min(placedAt.getTime() + 18 * MINUTE, now.getTime() - MINUTE)) : undefined,
    });
  }

  // ── Move the services' "now" back to when things happened, for the rows written here.
  const ops = [];
  for (const s of shops.values()) {
    const at = s.createdAt;
    ops.push(
      db.shop.update({ where: { id: s.id }, data: { createdAt: at, updatedAt: s.approvedAt, decidedAt: s.approvedAt } }),
      db.product.updateMany({ where: { shopId: s.id }, data: { createdAt: new Date(at.getTime() + 40 * MINUTE) } }),
      db.ledgerAccount.updateMany({ where: { shopId: s.id }, data: { createdAt: s.approvedAt } }),
    );
  }
  const photoAt = new Map(
    jobs.map((j, i) => [photoIds[i], new Date(shopOf(j.shop).createdAt.getTime() + (j.product ? 30 : 5) * MINUTE)] as const).filter((x): x is [string, Date] => x[0] !== null),
  );
  for (const [id, at] of photoAt) ops.push(db.photo.update({ where: { id }, data: { createdAt: at } }));
  for (const b of backdate) {
    const last = b.deliveredAt ?? b.acceptedAt ?? b.placedAt;
    ops.push(
      db.order.update({ where: { id: b.orderId }, data: { createdAt: b.placedAt, updatedAt: last, ...(b.acceptedAt ? { acceptedAt: b.acceptedAt } : {}), ...(b.deliveredAt ? { deliveredAt: b.deliveredAt } : {}) } }),
      db.ledgerTransaction.update({ where: { id: b.transactionId }, data: { createdAt: b.placedAt } }),
      db.ledgerEntry.updateMany({ where: { transactionId: b.transactionId }, data: { createdAt: b.placedAt } }),
    );
  }
  for (const t of topUpBackdate)
    ops.push(
      db.ledgerTransaction.update({ where: { id: t.transactionId }, data: { createdAt: t.at } }),
      db.ledgerEntry.updateMany({ where: { transactionId: t.transactionId }, data: { createdAt: t.at } }),
      db.paymentIntent.update({ where: { id: t.intentId }, data: { createdAt: new Date(t.at.getTime() - MINUTE), updatedAt: t.at, confirmedAt: t.at } }),
    );
  await db.$transaction(ops);

  const check = await checkLedger(db);
  if (!check.isOk) throw new Error(`seed: the ledger does not balance after the shops: ${JSON.stringify(check)}`);

  const orders: Record<string, number> = {};
  for (const o of DEMO_ORDERS) orders[o.status] = (orders[o.status] ?? 0) + 1;
  return {
    shops: shops.size,
    products: DEMO_SHOPS.reduce((s, x) => s + x.products.length, 0),
    photos: photoIds.filter(Boolean).length,
    orders,
  };
}

