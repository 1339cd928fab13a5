// The in-memory spatial index of parking places (kdbush + geokdbush): "which places lie
// within r metres of here, nearest first" without a database range scan. It holds only what
// rarely changes: each place's id, position and the static filter fields (EV chargers,
// disabled spaces, height limit). Free spaces, observedAt, prices and hours are read from the
// database for the candidates: the database stays the truth, the index only says where to look.
//
// Keeping it in step across instances without the writers' help: the database keeps a
// positions version (ParkingPlaceVersion, bumped by triggers on every insert, delete and
// change of position or static filter column, see the parking_positions_version
// migrations). Each query reads that one row (a primary-key read) and uses the index only
// if it was built at that version or later. When it moved, queries answer through the
// indexed bounding box instead (service.ts), exact but slower, while the index is rebuilt
// in the background, at most once per REBUILD_DEBOUNCE_MS (an import writing places in a
// loop causes one rebuild a second, not one per query). The first query builds it.
import KDBush from "kdbush";
import { around } from "geokdbush";
import { sqlOf, type Db } from "../db";

/** At most one rebuild per this window, so a stream of place writes does not rebuild per query. */
export const REBUILD_DEBOUNCE_MS = 1_000;

export type TSpatialIndex = {
  /** The positions version it was built at (read before the rows, so the rows are at least that recent). */
  version: number;
  size: number;
  tree: KDBush;
  ids: string[];
  /** Positions by item (kdbush reorders its own copy). */
  latitude: Float64Array;
  longitude: Float64Array;
  hasEv: Uint8Array;
  hasDisabled: Uint8Array;
  /** 0: no height limit. */
  maxHeightCm: Int32Array;
};

type TState = { index: TSpatialIndex | null; building: Promise<TSpatialIndex | null> | null; lastStart: number; timer: NodeJS.Timeout | null };
const states = new WeakMap<Db, TState>();
const stateOf = (db: Db) => states.get(db) ?? states.set(db, { index: null, building: null, lastStart: 0, timer: null }).get(db)!;

/** The positions version in the database, or null when its row is missing (then no index is used). */
async function readVersion(db: Db): Promise<number | null> {
  const [row] = await sqlOf(db).all<{ version: number | bigint }>(`SELECT "version" FROM "ParkingPlaceVersion" WHERE "id" = 1`, []);
  return row ? Number(row.version) : null;
}

async function build(db: Db): Promise<TSpatialIndex | null> {
  const version = await readVersion(db);
  if (version === null) return null;
  type TRow = { id: string; latitude: number; longitude: number; evChargers: number; capacityDisabled: number; maxHeightCm: number | null };
  const rows = await sqlOf(db).all<TRow>(`SELECT "id", "latitude", "longitude", "evChargers", "capacityDisabled", "maxHeightCm" FROM "ParkingPlace"`, []);
  // kdbush needs at least one item to answer; an empty city is one far-away dummy never returned.
  const tree = new KDBush(Math.max(1, rows.length));
  const ids: string[] = new Array<string>(rows.length);
  const latitude = new Float64Array(rows.length);
  const longitude = new Float64Array(rows.length);
  const hasEv = new Uint8Array(rows.length);
  const hasDisabled = new Uint8Array(rows.length);
  const maxHeightCm = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    tree.add(r.longitude, r.latitude);
    ids[i] = r.id;
    latitude[i] = r.latitude;
    longitude[i] = r.longitude;
    hasEv[i] = Number(r.evChargers) > 0 ? 1 : 0;
    hasDisabled[i] = Number(r.capacityDisabled) > 0 ? 1 : 0;
    maxHeightCm[i] = r.maxHeightCm === null ? 0 : Number(r.maxHeightCm);
  });
  if (!rows.length) tree.add(0, 0);
  tree.finish();
  return { version, size: rows.length, tree, ids, latitude, longitude, hasEv, hasDisabled, maxHeightCm };
}

/** Starts a rebuild unless one is under way; the newest finished one wins. */
function rebuild(db: Db, s: TState): Promise<TSpatialIndex | null> {
  if (s.building) return s.building;
  s.lastStart = Date.now();
  s.building = build(db)
    .then((index) => {
      if (index && (!s.index || index.version >= s.index.version)) s.index = index;
      return index;
    })
    .finally(() => {
      s.building = null;
    });
  return s.building;
}

/**
 * The index at the database's current positions version, or null when it is not at hand:
 * then the caller answers from the database (the bounding box). Only the first query (no
 * index yet) or `wait` (tests, benches) waits for a build; a stale index is rebuilt in the
 * background, at once or at the end of the debounce window, so that no query waits the
 * few hundred milliseconds a rebuild of 100,000 places takes.
 */
export async function spatialIndex(db: Db, opts: { wait?: boolean } = {}): Promise<TSpatialIndex | null> {
  const s = stateOf(db);
  const version = await readVersion(db);
  if (version === null) return null;
  if (s.index && s.index.version >= version) return s.index;
  if (!s.index || opts.wait) {
    // A rebuild already under way may have read an older version: then one more.
    let index = await rebuild(db, s);
    if (index && index.version < version) index = await rebuild(db, s);
    return index && index.version >= version ? index : null;
  }
  if (s.building) return null;
  const since = Date.now() - s.lastStart;
  if (since >= REBUILD_DEBOUNCE_MS) void rebuild(db, s).catch(() => {}); // the next query tries again
  else if (!s.timer) {
    s.timer = setTimeout(() => {
      s.timer = null;
      void rebuild(db, s).catch(() => {});
    }, REBUILD_DEBOUNCE_MS - since);
    s.timer.unref();
  }
  return null;
}

/**
 * The index this instance holds, whatever the database's version: nearby() reads with it while
 * it reads the version (one round trip instead of two) and uses the answer only if the
 * version says the index is current (spatialIndex() returns this very object).
 */
export function heldSpatialIndex(db: Db): TSpatialIndex | null {
  return states.get(db)?.index ?? null;
}

export type TStaticFilters = { evCharging?: boolean; accessible?: boolean; vehicleHeightCm?: number | null };

/**
 * Indices (into `index.ids`) of the places within `radiusM` by geokdbush's distance plus a
 * margin, passing the static filters, nearest first, at most `maxResults`. A superset of what
 * is within `radiusM` by our distance (the caller decides on distanceMeters()).
 */
export function within(index: TSpatialIndex, centre: { latitude: number; longitude: number }, radiusM: number, f: TStaticFilters, maxResults = Infinity): number[] {
  if (!index.size) return [];
  // geokdbush's sphere is 6371 km, ours 6371.0088 km: the same angle is 0.00014 % shorter
  // there. A margin of 1e-5 and a metre covers that and rounding.
  const km = (radiusM / 1000) * (1 + 1e-5) + 0.001;
  const h = f.vehicleHeightCm ?? 0;
  return around(index.tree, centre.longitude, centre.latitude, maxResults, km, (i) => {
    if (i >= index.size) return false;
    if (f.evCharging && !index.hasEv[i]) return false;
    if (f.accessible && !index.hasDisabled[i]) return false;
    if (h && index.maxHeightCm[i] && index.maxHeightCm[i] < h) return false;
    return true;
  });
}

/** For tests: forget the index of a client (as a fresh instance would). */
export function dropSpatialIndex(db: Db) {
  const s = states.get(db);
  if (s?.timer) clearTimeout(s.timer);
  states.delete(db);
}
