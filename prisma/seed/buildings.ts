// Three buildings on the Croix-Rousse plateau in Lyon, with their units.
export type TDemoBuilding = {
  key: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  latitude: number;
  longitude: number;
  staircases: { name: string; floors: [number, number]; doorsPerFloor: number }[];
};

export const DEMO_BUILDINGS: TDemoBuilding[] = [
  {
    key: "canuts",
    name: "Résidence Les Canuts",
    address: "12 rue d'Austerlitz",
    postalCode: "69004",
    city: "Lyon",
    latitude: 45.7772,
    longitude: 4.8311,
    staircases: [
      { name: "A", floors: [0, 5], doorsPerFloor: 2 },
      { name: "B", floors: [0, 5], doorsPerFloor: 2 },
    ],
  },
  {
    key: "jacquard",
    name: "Le Clos Jacquard",
    address: "8 rue Jacquard",
    postalCode: "69004",
    city: "Lyon",
    latitude: 45.7787,
    longitude: 4.8262,
    staircases: [{ name: "", floors: [0, 6], doorsPerFloor: 3 }],
  },
  {
    key: "belvedere",
    name: "Tour Belvédère",
    address: "3 place Bellevue",
    postalCode: "69004",
    city: "Lyon",
    latitude: 45.7741,
    longitude: 4.8367,
    staircases: [{ name: "", floors: [0, 9], doorsPerFloor: 4 }],
  },
];

/** Who lives where: user key → building key, staircase, door. */
export const DEMO_RESIDENCES: { user: string; building: string; staircase: string; door: string; status: "active" | "pending" }[] = [
  { user: "resident", building: "canuts", staircase: "A", door: "302", status: "active" },
  { user: "claire", building: "canuts", staircase: "A", door: "101", status: "active" },
  { user: "hugo", building: "canuts", staircase: "B", door: "501", status: "active" },
  { user: "resident2", building: "jacquard", staircase: "", door: "203", status: "active" },
  { user: "lea", building: "jacquard", staircase: "", door: "402", status: "active" },
  { user: "merchant3", building: "belvedere", staircase: "", door: "704", status: "active" },
  { user: "mathis", building: "belvedere", staircase: "", door: "101", status: "active" },
  { user: "ines", building: "canuts", staircase: "B", door: "202", status: "pending" },
];

/** A multi-use invite code printed in the README, for trying the join flow. */
export const DEMO_INVITE = { code: "CANUTS24", building: "canuts", staircase: "B", door: "401", maxUses: 30 };
