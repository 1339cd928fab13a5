// Distances on the Earth and the bounding box that lets an ordinary (latitude, longitude)
// index answer "what is within r metres of here" on SQLite and PostgreSQL alike: the box
// prefilters through the index, the exact great-circle distance decides. Correct across
// the antimeridian (the box splits in two longitude ranges) and near the poles (a circle
// containing a pole takes every longitude).

const EARTH_RADIUS_M = 6_371_008.8; // mean radius (IUGG)
const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

export type TPoint = { latitude: number; longitude: number };

/** Great-circle distance in metres (haversine: exact enough for a sphere, stable at short range). */
export function distanceMeters(a: TPoint, b: TPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type TBox = { minLat: number; maxLat: number; lonRanges: [number, number][] };

/**
 * Latitude range and one or two longitude ranges (in [-180, 180]) that contain every point
 * within `radiusM` of `centre`. May contain more (the corners); never less.
 */
export function boundingBox(centre: TPoint, radiusM: number): TBox {
  const angular = radiusM / EARTH_RADIUS_M;
  const lat = rad(centre.latitude);
  let minLat = lat - angular;
  let maxLat = lat + angular;
  const pole = Math.PI / 2;
  if (maxLat >= pole || minLat <= -pole || angular >= Math.PI) {
    // The circle reaches a pole: every longitude.
    return { minLat: deg(Math.max(minLat, -pole)), maxLat: deg(Math.min(maxLat, pole)), lonRanges: [[-180, 180]] };
  }
  // The widest longitude span of the circle (at the latitude where it is tangent to a meridian).
  const dLon = Math.asin(Math.min(1, Math.sin(angular) / Math.cos(lat)));
  const minLon = centre.longitude - deg(dLon);
  const maxLon = centre.longitude + deg(dLon);
  minLat = deg(minLat);
  maxLat = deg(maxLat);
  if (minLon < -180) return { minLat, maxLat, lonRanges: [[minLon + 360, 180], [-180, maxLon]] };
  if (maxLon > 180) return { minLat, maxLat, lonRanges: [[minLon, 180], [-180, maxLon - 360]] };
  return { minLat, maxLat, lonRanges: [[minLon, maxLon]] };
}

/** Prisma `where` for the box, on models with `latitude` and `longitude` columns. */
export function boxWhere(box: TBox) {
  const lonOr = box.lonRanges.map(([min, max]) => ({ longitude: { gte: min, lte: max } }));
  return { latitude: { gte: box.minLat, lte: box.maxLat }, ...(lonOr.length === 1 ? lonOr[0] : { OR: lonOr }) };
}
