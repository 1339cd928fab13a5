// Importing places: GeoJSON (our names and OSM tags) and ParkAPI v3 mapped to our fields,
// bad features reported by index and reason with nothing written, re-imports matched by
// external id (occupancy and a later operator left alone), the preview's counts, OSM
// opening hours (across midnight, 24/7, refused rules), the file limits, two identical
// imports at once, and who may call the admin procedures.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { callerFor, makeUser, MISSING_ID } from "../test/factories";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";
import { FIELD_PROBLEM_CODES, REASON_CODES, importPlaces, importSource, parseImport, previewImport } from "./import";
import { MAX_IMPORT_CHARS, MAX_IMPORT_FEATURES } from "./import-schema";
import { weeklyHours } from "./opening-hours";

const { t, events } = useTestDb();

const point = (id: string, props: Record<string, unknown> = {}, lonLat: [number, number] = [4.83, 45.77]) => ({
  type: "Feature",
  geometry: { type: "Point", coordinates: lonLat },
  properties: { id, name: `Parking ${id}`, capacity: 100, ...props },
});
const geojson = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });

let n = 0;
async function setup() {
  n++;
  const admin = await makeUser(t.db, ["admin"], "Admin");
  const asAdmin = callerFor(t.db, admin, ["admin"]);
  const operator = await asAdmin.parking.admin.createOperator({ name: `Import Op ${n}` });
  return { asAdmin, operator, source: importSource(operator.id) };
}

describe("reading OSM opening hours", () => {
  it("turns a weekly schedule into rows, splits ranges across midnight, and reads 24/7 as always open", () => {
    expect(weeklyHours("24/7")).toEqual({ alwaysOpen: true, hours: [] });
    expect(weeklyHours("Mo-Fr 08:00-20:00; Sa 09:00-12:00")).toEqual({
      alwaysOpen: false,
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "08:00", closes: "20:00" })).concat({ weekday: 6, opens: "09:00", closes: "12:00" }),
    });
    // Friday and Saturday nights: the evening on its day, the small hours on the next (Sunday's wraps to Monday).
    expect(weeklyHours("Fr,Sa 22:00-02:00")).toEqual({
      alwaysOpen: false,
      hours: [
        { weekday: 5, opens: "22:00", closes: "24:00" },
        { weekday: 6, opens: "00:00", closes: "02:00" },
        { weekday: 6, opens: "22:00", closes: "24:00" },
        { weekday: 7, opens: "00:00", closes: "02:00" },
      ],
    });
    expect(weeklyHours("Su 23:00-01:00")).toEqual({ alwaysOpen: false, hours: [{ weekday: 1, opens: "00:00", closes: "01:00" }, { weekday: 7, opens: "23:00", closes: "24:00" }] });
    expect(weeklyHours("Mo-Su 00:00-24:00")).toEqual({ alwaysOpen: true, hours: [] });
  });

  it("refuses what is not the same every week, unknown times and nonsense, with a reason", () => {
    expect(weeklyHours("Mo-Fr 08:00-18:00; PH off")).toEqual({ error: "hoursNotWeekly" });
    expect(weeklyHours("Jan-Mar Mo-Fr 08:00-12:00")).toEqual({ error: "hoursNotWeekly" });
    expect(weeklyHours("Mo 10:00-12:00 unknown")).toEqual({ error: "hoursUnknown" });
    expect(weeklyHours("whenever")).toEqual({ error: "hoursInvalid", detail: expect.stringContaining("Unexpected token") });
  });
});

describe("reading a file", () => {
  it("maps our GeoJSON names and OSM tags", () => {
    const parsed = parseImport(
      "geojson",
      geojson(
        point("a", { address: "1 rue A", kind: "underground", capacity_disabled: 3, capacity_charging: 4, price_per_hour_cents: 250, max_height_cm: 190, url: "https://a.example", opening_hours: "24/7", operator: "LPA" }),
        {
          type: "Feature",
          id: "node/42",
          geometry: { type: "Point", coordinates: [4.8, 45.7, 170] },
          properties: { amenity: "parking", parking: "multi-storey", name: "Silo", capacity: "120", "capacity:disabled": "2", "capacity:charging": "6", maxheight: "2.1 m", fee: "no", "addr:housenumber": "3", "addr:street": "Rue B", "addr:postcode": "69004", "addr:city": "Lyon", opening_hours: "Mo-Sa 07:00-21:00" },
        },
        point("c", { parking: "street_side", covered: "no", ref: "ignored-when-id-given" }),
      ),
    );
    expect(parsed.errors).toEqual([]);
    const [a, osm, street] = parsed.places.map((p) => p.place);
    expect(a).toMatchObject({ externalId: "a", name: "Parking a", address: "1 rue A", kind: "underground", capacity: 100, capacityDisabled: 3, capacityCharging: 4, evChargers: 4, pricePerHour: 250, maxHeightCm: 190, isCovered: true, publicUrl: "https://a.example", alwaysOpen: true, hours: [], operator: "LPA", latitude: 45.77, longitude: 4.83 });
    expect(osm).toMatchObject({ externalId: "node/42", name: "Silo", kind: "car_park", capacity: 120, capacityDisabled: 2, capacityCharging: 6, maxHeightCm: 210, pricePerHour: 0, isCovered: true, address: "3 Rue B, 69004 Lyon", alwaysOpen: false, latitude: 45.7, longitude: 4.8 });
    expect(osm!.hours).toHaveLength(6);
    expect(street).toMatchObject({ externalId: "c", kind: "on_street", isCovered: false, pricePerHour: null, alwaysOpen: true, maxHeightCm: null });
  });

  it("maps a ParkAPI v3 parking-site list", () => {
    const parsed = parseImport(
      "parkapi",
      JSON.stringify({
        items: [
          { uid: "lyon-1", original_uid: "1", name: "Cordeliers", lat: "45.7635", lon: "4.8360", address: "Rue Grenette, Lyon", type: "UNDERGROUND", capacity: 500, capacity_disabled: 10, capacity_charging: 12, max_height: 195, has_fee: true, opening_hours: "Mo-Su 05:00-01:00", public_url: "https://lpa.example/cordeliers", park_and_ride_type: ["NO"], max_stay: 86400, operator_name: "LPA" },
          { original_uid: "2", name: "Gerland P+R", lat: 45.72, lon: 4.83, type: "OFF_STREET_PARKING_GROUND", capacity: 300, has_fee: false },
        ],
      }),
    );
    expect(parsed.errors).toEqual([]);
    const [a, b] = parsed.places.map((p) => p.place);
    expect(a).toMatchObject({ externalId: "lyon-1", name: "Cordeliers", latitude: 45.7635, longitude: 4.836, kind: "underground", isCovered: true, capacity: 500, capacityDisabled: 10, capacityCharging: 12, evChargers: 12, maxHeightCm: 195, pricePerHour: null, maxStayMinutes: 1440, publicUrl: "https://lpa.example/cordeliers", operator: "LPA", alwaysOpen: false });
    // 05:00–01:00 every day: 7 evenings to midnight and 7 small hours.
    expect(a!.hours).toHaveLength(14);
    expect(b).toMatchObject({ externalId: "2", kind: "car_park", isCovered: false, pricePerHour: 0, alwaysOpen: true });
  });

  it("reports every bad feature by index and reason", () => {
    const parsed = parseImport(
      "geojson",
      geojson(
        point("ok"),
        { type: "Feature", geometry: { type: "Polygon", coordinates: [] }, properties: { id: "p", name: "P", capacity: 1 } },
        point("no-cap", { capacity: undefined }),
        point("neg", { capacity: -2 }),
        point("", { id: undefined }),
        point("hours", { opening_hours: "Mo-Fr 08:00-18:00; PH off" }),
        point("ok"),
        point("far", {}, [200, 45]),
        point("url", { url: "javascript:alert(1)" }),
        point("kind", { parking: "teleport" }),
        point("noname", { name: "" }),
      ),
    );
    expect(parsed.places.map((p) => p.index)).toEqual([0]);
    expect(parsed.errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const reason = (i: number) => parsed.errors.find((e) => e.index === i)!.reason;
    expect(reason(1)).toContain("Point");
    expect(reason(2)).toContain("capacity");
    expect(reason(3)).toContain("capacity must be 0 or more");
    expect(reason(4)).toContain("id is missing");
    expect(reason(5)).toContain("opening_hours");
    expect(reason(6)).toContain("already used by feature 0");
    expect(reason(7)).toContain("coordinates[0]");
    expect(reason(8)).toContain("url");
    expect(reason(9)).toContain("parking=teleport");
    expect(reason(10)).toContain("name is missing");
    // The same as codes, for the page to translate.
    expect(parsed.errors.find((e) => e.index === 3)!.problems).toEqual([{ code: "field", params: { field: "capacity", problem: "nonNegative" } }]);
    expect(parsed.errors.find((e) => e.index === 6)!.problems).toEqual([{ code: "duplicateId", params: { id: "ok", other: 0 } }]);
    expect(parsed.errors.find((e) => e.index === 5)!.problems).toEqual([{ code: "hoursNotWeekly", params: {} }]);
  });

  it("has every reason in English and French for the page", () => {
    for (const messages of [en, fr]) {
      const reasons = messages.parkingAdmin.import.reasons as Record<string, string>;
      expect(Object.keys(reasons).sort()).toEqual([...REASON_CODES].sort());
      // "invalid" is the select's "other".
      for (const problem of FIELD_PROBLEM_CODES.filter((p) => p !== "invalid")) expect(reasons.field).toContain(` ${problem} {`);
    }
  });

  it("refuses files that are not JSON, not the format, too large or with too many places", () => {
    expect(() => parseImport("geojson", "not json")).toThrow(expect.objectContaining({ code: "PARKING_IMPORT_UNREADABLE" }));
    expect(() => parseImport("geojson", JSON.stringify({ items: [] }))).toThrow(expect.objectContaining({ code: "PARKING_IMPORT_UNREADABLE" }));
    expect(() => parseImport("parkapi", JSON.stringify({ type: "FeatureCollection", features: [] }))).toThrow(expect.objectContaining({ code: "PARKING_IMPORT_UNREADABLE" }));
    expect(() => parseImport("geojson", " ".repeat(MAX_IMPORT_CHARS + 1))).toThrow(expect.objectContaining({ code: "PARKING_IMPORT_TOO_LARGE", params: { mb: 2 } }));
    const many = geojson(...Array.from({ length: MAX_IMPORT_FEATURES + 1 }, (_, i) => ({ type: "Feature" as const, id: i })));
    expect(() => parseImport("geojson", many)).toThrow(expect.objectContaining({ code: "PARKING_IMPORT_TOO_MANY" }));
  });
});

describe("importing", () => {
  it("writes nothing when any feature is invalid, then creates everything once it is fixed", async () => {
    const s = await setup();
    const bad = geojson(point("a"), point("b", { capacity: "lots" }));
    const preview = await s.asAdmin.parking.admin.previewImport({ format: "geojson", text: bad, operatorId: s.operator.id });
    expect(preview).toMatchObject({ features: 2, errors: [{ index: 1, reason: expect.stringContaining("capacity") }], changes: [] });
    await expect(s.asAdmin.parking.admin.import({ format: "geojson", text: bad, operatorId: s.operator.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.parkingPlace.count({ where: { source: s.source } })).toBe(0);
    expect(events.filter((e) => e.type === "parking.placesChanged")).toEqual([]);

    const good = geojson(point("a", { opening_hours: "Mo-Fr 22:00-06:00" }), point("b", { capacity: "40" }));
    expect(await s.asAdmin.parking.admin.previewImport({ format: "geojson", text: good, operatorId: s.operator.id })).toMatchObject({ create: 2, update: 0, unchanged: 0, leftAlone: 0, errors: [], changes: [{ index: 0, action: "create", externalId: "a" }, { index: 1, action: "create" }] });
    expect(await t.db.parkingPlace.count({ where: { source: s.source } })).toBe(0);
    expect(await s.asAdmin.parking.admin.import({ format: "geojson", text: good, operatorId: s.operator.id })).toEqual({ created: 2, updated: 0, unchanged: 0, leftAlone: 0 });
    // Open maps over those places read them again (one signal per import, to their area cells).
    expect(events.filter((e) => e.type === "parking.placesChanged")).toEqual([{ type: "parking.placesChanged", cells: ["457:48"] }]); // 45.77, 4.83
    const a = await t.db.parkingPlace.findFirstOrThrow({ where: { source: s.source, externalId: "a" }, include: { hours: { orderBy: [{ weekday: "asc" }, { opens: "asc" }] } } });
    expect(a).toMatchObject({ operatorId: s.operator.id, operator: s.operator.name, alwaysOpen: false, freeSpaces: null, observedAt: null });
    expect(a.hours.map((h) => `${h.weekday} ${h.opens}-${h.closes}`)).toEqual(["1 22:00-24:00", "2 00:00-06:00", "2 22:00-24:00", "3 00:00-06:00", "3 22:00-24:00", "4 00:00-06:00", "4 22:00-24:00", "5 00:00-06:00", "5 22:00-24:00", "6 00:00-06:00"]);
    // The operator's page counts its new places.
    expect((await s.asAdmin.parking.admin.listOperators()).find((o) => o.id === s.operator.id)!.places).toBe(2);
  });

  it("updates by external id, leaves occupancy, later operators and unnamed places alone, and says what is unchanged", async () => {
    const s = await setup();
    const other = await s.asAdmin.parking.admin.createOperator({ name: `Other ${n}` });
    const first = geojson(point("a", { opening_hours: "Mo-Fr 08:00-20:00" }), point("b"), point("c"));
    await s.asAdmin.parking.admin.import({ format: "geojson", text: first, operatorId: s.operator.id });
    const a = await t.db.parkingPlace.findFirstOrThrow({ where: { source: s.source, externalId: "a" } });
    const b = await t.db.parkingPlace.findFirstOrThrow({ where: { source: s.source, externalId: "b" } });
    const observedAt = new Date(Date.now() - 60_000);
    await t.db.parkingPlace.update({ where: { id: a.id }, data: { freeSpaces: 30, observedAt } });
    await s.asAdmin.parking.admin.setOperator({ placeId: b.id, operatorId: other.id });

    // a: new capacity and hours; b: same; c: not in the file; d: new.
    const second = geojson(point("a", { capacity: 80, opening_hours: "24/7" }), point("b"), point("d"));
    const preview = await s.asAdmin.parking.admin.previewImport({ format: "geojson", text: second, operatorId: s.operator.id });
    expect(preview).toMatchObject({ create: 1, update: 1, unchanged: 1, leftAlone: 1, errors: [] });
    expect(preview.changes).toEqual([
      { index: 0, externalId: "a", name: "Parking a", action: "update", fields: ["alwaysOpen", "capacity", "hours"] },
      { index: 2, externalId: "d", name: "Parking d", action: "create", fields: [] },
    ]);
    expect(await s.asAdmin.parking.admin.import({ format: "geojson", text: second, operatorId: s.operator.id })).toEqual({ created: 1, updated: 1, unchanged: 1, leftAlone: 1 });
    const after = await t.db.parkingPlace.findUniqueOrThrow({ where: { id: a.id }, include: { hours: true } });
    expect(after).toMatchObject({ capacity: 80, alwaysOpen: true, hours: [], freeSpaces: 30, observedAt });
    expect(await t.db.parkingPlace.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ operatorId: other.id });
    expect(await t.db.parkingPlace.count({ where: { source: s.source } })).toBe(4);
    // The same file again changes nothing.
    events.length = 0;
    expect(await s.asAdmin.parking.admin.import({ format: "geojson", text: second, operatorId: s.operator.id })).toEqual({ created: 0, updated: 0, unchanged: 3, leftAlone: 1 });
    expect(events.filter((e) => e.type === "parking.placesChanged")).toEqual([]);

    // A capacity below the free spaces observed now would break the count: refused, nothing written.
    const tooSmall = geojson(point("a", { capacity: 10, opening_hours: "24/7" }), point("e"));
    expect((await previewImport(t.db, { format: "geojson", text: tooSmall, operatorId: s.operator.id })).errors).toEqual([{ index: 0, reason: "capacity 10 is below the 30 free spaces last observed", problems: [{ code: "belowFree", params: { capacity: 10, free: 30 } }] }]);
    await expect(importPlaces(t.db, { format: "geojson", text: tooSmall, operatorId: s.operator.id })).rejects.toMatchObject({ code: "PARKING_IMPORT_INVALID", params: { count: 1 } });
    expect(await t.db.parkingPlace.count({ where: { source: s.source, externalId: "e" } })).toBe(0);
  });

  it("keeps external ids apart per operator, and without one", async () => {
    const s = await setup();
    const other = await s.asAdmin.parking.admin.createOperator({ name: `Second ${n}` });
    const file = geojson(point("same"));
    await s.asAdmin.parking.admin.import({ format: "geojson", text: file, operatorId: s.operator.id });
    expect(await s.asAdmin.parking.admin.import({ format: "geojson", text: file, operatorId: other.id })).toMatchObject({ created: 1 });
    const none = await s.asAdmin.parking.admin.import({ format: "geojson", text: geojson(point(`none-${n}`)) });
    expect(none.created).toBe(1);
    expect(await t.db.parkingPlace.findFirstOrThrow({ where: { source: "import", externalId: `none-${n}` } })).toMatchObject({ operatorId: null, operator: "" });
    await expect(s.asAdmin.parking.admin.previewImport({ format: "geojson", text: file, operatorId: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("two identical imports at once create each place once", async () => {
    const s = await setup();
    const file = geojson(...Array.from({ length: 30 }, (_, i) => point(`r${i}`, { opening_hours: "Mo-Sa 08:00-19:00" })));
    const results = await Promise.all([1, 2, 3].map(() => importPlaces(t.db, { format: "geojson", text: file, operatorId: s.operator.id })));
    expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(30);
    for (const r of results) expect(r.created + r.unchanged).toBe(30);
    expect(await t.db.parkingPlace.count({ where: { source: s.source } })).toBe(30);
    expect(await t.db.parkingHours.count({ where: { place: { source: s.source } } })).toBe(30 * 6);
  });
});

describe("places and their operator", () => {
  it("lists places by name, a page at a time, and gives a place to an operator or to none", async () => {
    const s = await setup();
    const tag = `Zq${n}x`;
    await s.asAdmin.parking.admin.import({ format: "geojson", text: geojson(...[1, 2, 3].map((i) => point(`l${i}`, { name: `${tag} garage ${i}` }))), operatorId: s.operator.id });
    const page0 = await s.asAdmin.parking.admin.listPlaces({ q: tag.toLowerCase(), pageSize: 2 });
    expect(page0.total).toBe(3);
    expect(page0.items.map((p) => p.name)).toEqual([`${tag} garage 1`, `${tag} garage 2`]);
    // Any mix of cases, on both databases.
    expect((await s.asAdmin.parking.admin.listPlaces({ q: `${tag.toLowerCase()} GARAGE 2` })).total).toBe(1);
    const page1 = await s.asAdmin.parking.admin.listPlaces({ q: tag, pageSize: 2, page: 1 });
    expect(page1.items.map((p) => p.name)).toEqual([`${tag} garage 3`]);
    const id = page1.items[0]!.id;
    expect(page1.items[0]).toMatchObject({ operatorId: s.operator.id, source: s.source, externalId: "l3" });
    expect(await s.asAdmin.parking.admin.setOperator({ placeId: id, operatorId: null })).toEqual({ id, operatorId: null });
    expect((await t.db.parkingPlace.findUniqueOrThrow({ where: { id } })).operatorId).toBeNull();
    await s.asAdmin.parking.admin.setOperator({ placeId: id, operatorId: s.operator.id });
    expect((await t.db.parkingPlace.findUniqueOrThrow({ where: { id } })).operatorId).toBe(s.operator.id);
    await expect(s.asAdmin.parking.admin.setOperator({ placeId: MISSING_ID, operatorId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAdmin.parking.admin.setOperator({ placeId: id, operatorId: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("who may import", () => {
  it("admins only: managers, residents, merchants and the signed-out are refused", async () => {
    const s = await setup();
    const input = { format: "geojson" as const, text: geojson(point("x")), operatorId: s.operator.id };
    for (const role of ["manager", "resident", "merchant"] as const) {
      const caller = callerFor(t.db, await makeUser(t.db, [role]), [role]);
      await expect(caller.parking.admin.previewImport(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.parking.admin.import(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.parking.admin.listPlaces({})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.parking.admin.setOperator({ placeId: MISSING_ID, operatorId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(callerFor(t.db, null).parking.admin.import(input)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.parkingPlace.count({ where: { source: s.source } })).toBe(0);
  });
});
