// Admins import places from a GeoJSON FeatureCollection (Point features, our property names
// or OSM tags) or a ParkAPI v3 parking-site list. Rules:
//  - every feature is checked (zod) and each bad one reported by index and reason; if any
//    is bad, nothing is written;
//  - places are matched by external id within the import's source: `import:<operatorId>`
//    (or `import` without an operator), so ids are unique per operator, as the feed needs;
//  - the preview says what would be created, updated (which fields) and left unchanged, and
//    how many places of that source the file does not name: those are never touched;
//  - confirming recomputes the plan inside one transaction (the client's preview is not
//    trusted) and writes it all or nothing; occupancy (freeSpaces, observedAt) and the
//    operator a place was given afterwards are never changed by a re-import.
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { sqlOf, type Db, type DbTx } from "../db";
import { AppError } from "../errors";
import { isUniqueViolation } from "../lib/db-errors";
import { cuid } from "../lib/ids";
import { MAX_IMPORT_CHARS, MAX_IMPORT_FEATURES, MAX_PREVIEW_CHANGES, type TImportInput, type TImportPlan, type TImportResult } from "./import-schema";
import { publish } from "../realtime/emit";
import { cellOf } from "./area";
import { weeklyHours } from "./opening-hours";
import { PARKING_KINDS, type ZParkingKind } from "./schema";

type TRaw = Record<string, unknown>;

/**
 * Why a feature is refused: a code and its values, which the page translates
 * (`parkingAdmin.import.reasons.<code>`), and the same in English for the API's `reason`.
 */
const REASONS = {
  notObject: "a parking site must be an object",
  notFeature: 'type must be "Feature"',
  noGeometry: "geometry is missing",
  notPoint: "geometry must be a Point, not {value}",
  coordinates: "coordinates must be [longitude, latitude]",
  amenity: "amenity must be parking, not {value}",
  osmKind: "parking={value} is not a kind we know (underground, multi-storey, surface, street_side, lane…)",
  parkApiType: "type {value} is not one we know (CAR_PARK, UNDERGROUND, ON_STREET, OFF_STREET_PARKING_GROUND, OTHER)",
  field: "{field} {problem}",
  hoursInvalid: "opening_hours is not valid: {detail}",
  hoursNotWeekly: "opening_hours must be the same every week (no public holidays, months, dates or sunrise)",
  hoursUnknown: "opening_hours has unknown or on-request times",
  duplicateId: "id {id} is already used by feature {other}",
  belowFree: "capacity {capacity} is below the {free} free spaces last observed",
} as const;
/** What is wrong with a field, for the `field` reason. */
const FIELD_PROBLEMS: Record<string, string> = {
  missing: "is missing",
  text: "must be text",
  tooLong: "is too long",
  wholeNumber: "must be a whole number",
  nonNegative: "must be 0 or more",
  tooLarge: "is too large",
  number: "must be a number",
  latitude: "must be between -90 and 90",
  longitude: "must be between -180 and 180",
  height: "must be a height between 1 and 10 m",
  yesNo: "must be yes or no",
  url: "must be an http(s) address",
  kind: "must be car_park, underground, on_street or building",
  invalid: "is not valid",
};
export type TReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as TReasonCode[];
export const FIELD_PROBLEM_CODES = Object.keys(FIELD_PROBLEMS);
type TProblem = { code: TReasonCode; params: Record<string, string | number> };
const problem = (code: TReasonCode, params: Record<string, string | number> = {}): TProblem => ({ code, params });
const english = (p: TProblem) => REASONS[p.code].replace(/\{(\w+)\}/g, (_, k: string) => String(k === "problem" ? (FIELD_PROBLEMS[p.params.problem!] ?? p.params.problem) : p.params[k]));
export type TImportIssue = { index: number; reason: string; problems: TProblem[] };
const issue = (index: number, problems: TProblem[]): TImportIssue => ({ index, reason: problems.map(english).join("; "), problems });
type THoursRow = { weekday: number; opens: string; closes: string };

// ─── Reading values the way sources write them ──────────────────────────────

/** A number, or a string holding one ("120", "45.77"); anything else is left for zod to refuse. */
const num = (v: unknown) => (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v);
const yesNo = (v: unknown) => (v === "yes" || v === "true" ? true : v === "no" || v === "false" ? false : v);
const text = (v: unknown) => (typeof v === "number" ? String(v) : v);
const first = (...vs: unknown[]) => vs.find((v) => v !== undefined && v !== null && v !== "");
/** A value for a reason, short and never "[object Object]". */
const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v) ?? "nothing").slice(0, 40);

/** OSM `maxheight` in metres ("2.1", "2.1 m"); "none"/"default" mean no limit. */
function metresToCm(v: unknown) {
  if (v === undefined || v === null || v === "none" || v === "default" || v === "no") return null;
  const m = typeof v === "number" ? v : typeof v === "string" ? /^\s*(\d+(?:\.\d+)?)\s*m?\s*$/.exec(v)?.[1] : undefined;
  return m === undefined ? v : Math.round(Number(m) * 100);
}

/** OSM `parking=*` → our kind (absent: a car park). */
const OSM_KINDS: Record<string, z.infer<typeof ZParkingKind>> = {
  underground: "underground",
  "multi-storey": "car_park",
  surface: "car_park",
  rooftop: "car_park",
  garage_boxes: "car_park",
  carports: "car_park",
  street_side: "on_street",
  lane: "on_street",
  on_kerb: "on_street",
  half_on_kerb: "on_street",
  layby: "on_street",
};
/** ParkAPI v3 `type` → our kind. */
const PARKAPI_KINDS: Record<string, z.infer<typeof ZParkingKind>> = {
  CAR_PARK: "car_park",
  UNDERGROUND: "underground",
  OFF_STREET_PARKING_GROUND: "car_park",
  ON_STREET: "on_street",
  OTHER: "car_park",
};

const count = z.number({ message: "wholeNumber" }).int({ message: "wholeNumber" }).min(0, { message: "nonNegative" }).max(100_000, { message: "tooLarge" });

/** One place as we store it, whatever the source. */
const ZMapped = z.object({
  externalId: z.string({ message: "missing" }).trim().min(1, { message: "missing" }).max(200, { message: "tooLong" }),
  name: z.string({ message: "missing" }).trim().min(1, { message: "missing" }).max(200, { message: "tooLong" }),
  operator: z.string({ message: "text" }).trim().max(200, { message: "tooLong" }),
  address: z.string({ message: "text" }).trim().max(512, { message: "tooLong" }),
  kind: z.enum(PARKING_KINDS, { message: "kind" }),
  latitude: z.number({ message: "number" }).min(-90, { message: "latitude" }).max(90, { message: "latitude" }),
  longitude: z.number({ message: "number" }).min(-180, { message: "longitude" }).max(180, { message: "longitude" }),
  capacity: count,
  capacityDisabled: count,
  capacityCharging: count,
  pricePerHour: count.nullable(),
  maxStayMinutes: count.nullable(),
  maxHeightCm: z.number({ message: "height" }).int({ message: "height" }).min(100, { message: "height" }).max(1_000, { message: "height" }).nullable(),
  isCovered: z.boolean({ message: "yesNo" }),
  evChargers: count,
  publicUrl: z.url({ protocol: /^https?$/, message: "url" }).max(500, { message: "tooLong" }).nullable(),
  openingHours: z.string({ message: "text" }).max(1_000, { message: "tooLong" }).nullable(),
});
type TMapped = z.infer<typeof ZMapped>;
/** What the mapping's field names are called in the source, for reasons the admin can act on. */
type TNames = Partial<Record<keyof TMapped, string>>;

const GEOJSON_NAMES: TNames = { externalId: "id", capacityDisabled: "capacity:disabled", capacityCharging: "capacity:charging", pricePerHour: "price_per_hour_cents", maxStayMinutes: "max_stay_minutes", maxHeightCm: "maxheight", isCovered: "covered", evChargers: "ev_chargers", publicUrl: "url", openingHours: "opening_hours", latitude: "coordinates[1]", longitude: "coordinates[0]" };
const PARKAPI_NAMES: TNames = { externalId: "uid", latitude: "lat", longitude: "lon", capacityDisabled: "capacity_disabled", capacityCharging: "capacity_charging", pricePerHour: "has_fee", maxStayMinutes: "max_stay", maxHeightCm: "max_height", isCovered: "type", evChargers: "capacity_charging", publicUrl: "public_url", openingHours: "opening_hours", operator: "operator_name" };

const ZFeature = z.object({
  type: z.literal("Feature", { message: "notFeature" }),
  id: z.union([z.string(), z.number()]).nullish(),
  geometry: z.object({ type: z.string(), coordinates: z.unknown() }, { message: "noGeometry" }),
  properties: z.record(z.string(), z.unknown()).nullish(),
});
const ZPoint = z.tuple([z.number(), z.number()]).rest(z.number());

/** A GeoJSON feature's properties (ours, or OSM tags) → our fields, unchecked. */
function fromGeoJson(raw: unknown): { value?: TRaw; error?: TProblem } {
  const f = ZFeature.safeParse(raw);
  if (!f.success) return { error: problem(f.error.issues[0]!.message === "noGeometry" ? "noGeometry" : "notFeature") };
  if (f.data.geometry.type !== "Point") return { error: problem("notPoint", { value: shown(f.data.geometry.type) }) };
  const point = ZPoint.safeParse(f.data.geometry.coordinates);
  if (!point.success) return { error: problem("coordinates") };
  const p: TRaw = f.data.properties ?? {};
  if (p.amenity !== undefined && p.amenity !== "parking") return { error: problem("amenity", { value: shown(p.amenity) }) };
  const osmKind = typeof p.parking === "string" ? OSM_KINDS[p.parking] : undefined;
  if (p.kind === undefined && p.parking !== undefined && !osmKind) return { error: problem("osmKind", { value: shown(p.parking) }) };
  const kind = p.kind ?? osmKind ?? "car_park";
  const capacityCharging = num(first(p.capacity_charging, p["capacity:charging"])) ?? 0;
  const fee = yesNo(p.fee);
  const street = [p["addr:housenumber"], p["addr:street"]].filter(Boolean).join(" ");
  const city = [p["addr:postcode"], p["addr:city"]].filter(Boolean).join(" ");
  return {
    value: {
      externalId: text(first(p.external_id, p.id, p.ref, p["@id"], f.data.id)),
      name: p.name,
      operator: p.operator ?? "",
      address: p.address ?? [street, city].filter(Boolean).join(", "),
      kind,
      longitude: point.data[0],
      latitude: point.data[1],
      capacity: num(p.capacity),
      capacityDisabled: num(first(p.capacity_disabled, p["capacity:disabled"])) ?? 0,
      capacityCharging,
      pricePerHour: num(p.price_per_hour_cents) ?? (fee === false ? 0 : null),
      maxStayMinutes: num(p.max_stay_minutes) ?? null,
      maxHeightCm: p.max_height_cm !== undefined ? num(p.max_height_cm) : metresToCm(p.maxheight),
      isCovered: yesNo(p.covered) ?? (kind === "underground" || p.parking === "multi-storey"),
      evChargers: num(p.ev_chargers) ?? capacityCharging,
      publicUrl: first(p.url, p.website, p.public_url) ?? null,
      openingHours: first(p.opening_hours) ?? null,
    },
  };
}

/** A ParkAPI v3 parking site → our fields, unchecked. */
function fromParkApi(raw: unknown): { value?: TRaw; error?: TProblem } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { error: problem("notObject") };
  const p = raw as TRaw;
  const kind = p.type === undefined || p.type === null ? "car_park" : typeof p.type === "string" ? PARKAPI_KINDS[p.type] : undefined;
  if (!kind) return { error: problem("parkApiType", { value: shown(p.type) }) };
  const capacityCharging = num(p.capacity_charging) ?? 0;
  const maxStay = num(p.max_stay);
  return {
    value: {
      externalId: text(first(p.uid, p.original_uid, p.id)),
      name: p.name,
      operator: p.operator_name ?? "",
      address: p.address ?? "",
      kind,
      latitude: num(p.lat),
      longitude: num(p.lon),
      capacity: num(p.capacity),
      capacityDisabled: num(p.capacity_disabled) ?? 0,
      capacityCharging,
      pricePerHour: p.has_fee === false ? 0 : null,
      // ParkAPI gives the longest stay in seconds.
      maxStayMinutes: typeof maxStay === "number" ? Math.ceil(maxStay / 60) : (maxStay ?? null),
      maxHeightCm: num(p.max_height) ?? null,
      isCovered: p.type === "UNDERGROUND" || p.type === "CAR_PARK",
      evChargers: capacityCharging,
      publicUrl: p.public_url ?? null,
      openingHours: p.opening_hours ?? null,
    },
  };
}

// ─── Parsing a file ─────────────────────────────────────────────────────────

export type TImportPlace = Omit<TMapped, "openingHours"> & { alwaysOpen: boolean; hours: THoursRow[] };
export type TParsed = { features: number; errors: TImportIssue[]; places: { index: number; place: TImportPlace }[] };

/** Reads and checks a whole file; throws only when the file itself cannot be used. */
export function parseImport(format: TImportInput["format"], text: string): TParsed {
  if (text.length > MAX_IMPORT_CHARS) throw new AppError("PARKING_IMPORT_TOO_LARGE", `A file is at most ${MAX_IMPORT_CHARS / 1_000_000} MB`, { mb: MAX_IMPORT_CHARS / 1_000_000 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("PARKING_IMPORT_UNREADABLE", "This file is not JSON");
  }
  const list = format === "geojson" ? geoJsonFeatures(json) : parkApiItems(json);
  if (!list) throw new AppError("PARKING_IMPORT_UNREADABLE", format === "geojson" ? "A GeoJSON FeatureCollection is expected" : 'A ParkAPI list ({"items": [...]}) is expected');
  if (list.length > MAX_IMPORT_FEATURES) throw new AppError("PARKING_IMPORT_TOO_MANY", `A file holds at most ${MAX_IMPORT_FEATURES} places`, { max: MAX_IMPORT_FEATURES });
  const names = format === "geojson" ? GEOJSON_NAMES : PARKAPI_NAMES;
  const errors: TParsed["errors"] = [];
  const places: TParsed["places"] = [];
  const seen = new Map<string, number>();
  list.forEach((raw, index) => {
    const mapped = (format === "geojson" ? fromGeoJson : fromParkApi)(raw);
    if (mapped.error) return errors.push(issue(index, [mapped.error]));
    const checked = ZMapped.safeParse(mapped.value);
    if (!checked.success) {
      return errors.push(issue(index, checked.error.issues.map((i) => problem("field", { field: names[i.path[0] as keyof TMapped] ?? String(i.path[0]), problem: i.message in FIELD_PROBLEMS ? i.message : "invalid" }))));
    }
    const { openingHours, ...place } = checked.data;
    const hours = openingHours === null ? { alwaysOpen: true, hours: [] } : weeklyHours(openingHours);
    if ("error" in hours) return errors.push(issue(index, [problem(hours.error, hours.detail ? { detail: hours.detail } : {})]));
    const twin = seen.get(place.externalId);
    if (twin !== undefined) return errors.push(issue(index, [problem("duplicateId", { id: place.externalId, other: twin })]));
    seen.set(place.externalId, index);
    places.push({ index, place: { ...place, alwaysOpen: hours.alwaysOpen, hours: hours.hours } });
  });
  return { features: list.length, errors, places };
}

function geoJsonFeatures(json: unknown): unknown[] | null {
  const c = z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) }).safeParse(json);
  return c.success ? c.data.features : null;
}

function parkApiItems(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json as unknown[];
  const c = z.object({ items: z.array(z.unknown()) }).safeParse(json);
  return c.success ? c.data.items : null;
}

// ─── The plan against what is stored ────────────────────────────────────────

/** Where a place came from: external ids are unique within it (`@@unique([source, externalId])`). */
export const importSource = (operatorId: string | null | undefined) => (operatorId ? `import:${operatorId}` : "import");

const SCALARS = ["name", "operator", "address", "kind", "latitude", "longitude", "alwaysOpen", "capacity", "capacityDisabled", "capacityCharging", "pricePerHour", "maxStayMinutes", "maxHeightCm", "isCovered", "evChargers", "publicUrl"] as const;
const storedSelect = {
  id: true,
  externalId: true,
  freeSpaces: true,
  hours: { select: { weekday: true, opens: true, closes: true } },
  ...({ name: true, operator: true, address: true, kind: true, latitude: true, longitude: true, alwaysOpen: true, capacity: true, capacityDisabled: true, capacityCharging: true, pricePerHour: true, maxStayMinutes: true, maxHeightCm: true, isCovered: true, evChargers: true, publicUrl: true } satisfies Record<(typeof SCALARS)[number], true>),
} as const;
type TStored = Prisma.ParkingPlaceGetPayload<{ select: typeof storedSelect }>;

const hoursKey = (hours: THoursRow[]) =>
  [...hours]
    .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens) || a.closes.localeCompare(b.closes))
    .map((h) => `${h.weekday} ${h.opens}-${h.closes}`)
    .join(",");

/** The fields of a stored place that the file would change. */
function changedFields(stored: TStored, place: TImportPlace): string[] {
  const fields: string[] = SCALARS.filter((k) => stored[k] !== place[k]);
  if (hoursKey(stored.hours) !== hoursKey(place.hours)) fields.push("hours");
  return fields;
}

type TPlanned = { parsed: TParsed; operator: { id: string; name: string } | null; source: string; creates: { index: number; place: TImportPlace }[]; updates: { index: number; place: TImportPlace; id: string; fields: string[] }[]; unchanged: number; leftAlone: number; errors: TParsed["errors"] };

async function plan(db: Db | DbTx, input: TImportInput): Promise<TPlanned> {
  const parsed = parseImport(input.format, input.text);
  const operator = input.operatorId ? await db.parkingOperator.findUnique({ where: { id: input.operatorId }, select: { id: true, name: true } }) : null;
  if (input.operatorId && !operator) throw new AppError("NOT_FOUND", "Operator not found");
  const source = importSource(operator?.id);
  // A place with no operator name of its own takes the chosen operator's.
  for (const p of parsed.places) if (!p.place.operator && operator) p.place.operator = operator.name;
  const stored: TStored[] = [];
  const ids = parsed.places.map((p) => p.place.externalId);
  for (let i = 0; i < ids.length; i += 1_000) stored.push(...(await db.parkingPlace.findMany({ where: { source, externalId: { in: ids.slice(i, i + 1_000) } }, select: storedSelect })));
  const byExternal = new Map(stored.map((s) => [s.externalId!, s]));
  const errors = [...parsed.errors];
  const creates: TPlanned["creates"] = [];
  const updates: TPlanned["updates"] = [];
  let unchanged = 0;
  for (const { index, place } of parsed.places) {
    const s = byExternal.get(place.externalId);
    if (!s) {
      creates.push({ index, place });
      continue;
    }
    // Occupancy is never changed by an import, so a capacity below today's free count cannot be taken.
    if (s.freeSpaces !== null && place.capacity < s.freeSpaces) {
      errors.push(issue(index, [problem("belowFree", { capacity: place.capacity, free: s.freeSpaces })]));
      continue;
    }
    const fields = changedFields(s, place);
    if (fields.length) updates.push({ index, place, id: s.id, fields });
    else unchanged++;
  }
  errors.sort((a, b) => a.index - b.index);
  const leftAlone = (await db.parkingPlace.count({ where: { source } })) - stored.length;
  return { parsed, operator, source, creates, updates, unchanged, leftAlone, errors };
}

/** What confirming would do: nothing is written. */
export async function previewImport(db: Db, input: TImportInput): Promise<TImportPlan> {
  const p = await plan(db, input);
  const changes = [
    ...p.creates.map((c) => ({ index: c.index, externalId: c.place.externalId, name: c.place.name, action: "create" as const, fields: [] })),
    ...p.updates.map((u) => ({ index: u.index, externalId: u.place.externalId, name: u.place.name, action: "update" as const, fields: u.fields })),
  ]
    .sort((a, b) => a.index - b.index)
    .slice(0, MAX_PREVIEW_CHANGES);
  return { features: p.parsed.features, errors: p.errors, create: p.creates.length, update: p.updates.length, unchanged: p.unchanged, leftAlone: p.leftAlone, changes: p.errors.length ? [] : changes };
}

const placeData = (p: TImportPlace) => {
  const { externalId: _externalId, hours: _hours, ...data } = p;
  return data;
};

/** Writes the plan, recomputed from the file in the transaction: all of it, or nothing. */
export async function importPlaces(db: Db, input: TImportInput): Promise<TImportResult> {
  const run = () =>
    db.$transaction(
      async (tx) => {
        const p = await plan(tx, input);
        if (p.errors.length) throw new AppError("PARKING_IMPORT_INVALID", `${p.errors.length} features are invalid: nothing was imported`, { count: p.errors.length });
        const created = p.creates.map((c) => ({ id: cuid(), ...c }));
        for (let i = 0; i < created.length; i += 500) {
          await tx.parkingPlace.createMany({ data: created.slice(i, i + 500).map((c) => ({ id: c.id, source: p.source, externalId: c.place.externalId, operatorId: p.operator?.id ?? null, ...placeData(c.place) })) });
        }
        for (const u of p.updates) {
          // Conditional on today's free count fitting the new capacity: a count observed since
          // the plan was read makes the import fail whole rather than break the CHECK.
          const { count: n } = await tx.parkingPlace.updateMany({ where: { id: u.id, OR: [{ freeSpaces: null }, { freeSpaces: { lte: u.place.capacity } }] }, data: placeData(u.place) });
          if (!n) throw new AppError("PARKING_IMPORT_CONFLICT", "A place changed during the import: preview again");
        }
        const rehoused = p.updates.filter((u) => u.fields.includes("hours"));
        if (rehoused.length) await tx.parkingHours.deleteMany({ where: { placeId: { in: rehoused.map((u) => u.id) } } });
        const hours = [...created.map((c) => ({ id: c.id, hours: c.place.hours })), ...rehoused.map((u) => ({ id: u.id, hours: u.place.hours }))].flatMap((x) => x.hours.map((h) => ({ placeId: x.id, ...h })));
        for (let i = 0; i < hours.length; i += 1_000) await tx.parkingHours.createMany({ data: hours.slice(i, i + 1_000) });
        const moved = [...created.map((c) => c.place), ...p.updates.map((u) => u.place)];
        return { created: created.length, updated: p.updates.length, unchanged: p.unchanged, leftAlone: p.leftAlone, cells: moved.map((m) => cellOf(m.latitude, m.longitude)) };
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  // Open maps and lists over the areas that gained or changed places read them again, once committed.
  const announce = ({ cells, ...result }: Awaited<ReturnType<typeof run>>): TImportResult => {
    if (cells.length) publish({ type: "parking.placesChanged", cells: [...new Set(cells)] });
    return result;
  };
  try {
    return announce(await run());
  } catch (e) {
    // The same file imported twice at once: the later one met the first one's new rows on
    // the unique (source, externalId) index and rolled back; run again, it finds them.
    if (!isUniqueViolation(e)) throw e;
    try {
      return announce(await run());
    } catch (again) {
      if (isUniqueViolation(again)) throw new AppError("PARKING_IMPORT_CONFLICT", "Another import of these places is running: preview again");
      throw again;
    }
  }
}

// ─── Admins: places and who feeds them ──────────────────────────────────────

export async function listPlaces(db: Db, input: { q: string; page: number; pageSize: number }) {
  // Case-insensitive on both databases: SQLite's LIKE already is (for ASCII); PostgreSQL's
  // needs ILIKE, which Prisma writes for `mode: "insensitive"` (a mode SQLite's client refuses).
  const q = input.q.trim();
  const name = sqlOf(db).kind === "postgres" ? { contains: q, mode: "insensitive" as const } : { contains: q };
  const where: Prisma.ParkingPlaceWhereInput = q ? { name } : {};
  const [items, total] = await Promise.all([
    db.parkingPlace.findMany({
      where,
      select: { id: true, name: true, address: true, kind: true, operatorId: true, source: true, externalId: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: input.page * input.pageSize,
      take: input.pageSize,
    }),
    db.parkingPlace.count({ where }),
  ]);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** Gives a place's occupancy feed to an operator (or to none). */
export async function setOperator(db: Db, input: { placeId: string; operatorId: string | null }) {
  if (input.operatorId && !(await db.parkingOperator.findUnique({ where: { id: input.operatorId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "Operator not found");
  const { count: n } = await db.parkingPlace.updateMany({ where: { id: input.placeId }, data: { operatorId: input.operatorId } });
  if (!n) throw new AppError("NOT_FOUND", "Parking place not found");
  return { id: input.placeId, operatorId: input.operatorId };
}
