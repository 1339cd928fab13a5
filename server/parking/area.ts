// Areas of the parking map, for live updates: the world cut into cells of 0.1° × 0.1°
// (about 11 km × 8 km in Lyon). A page showing places joins the cells its search covers
// (socket `parking:watch`); an occupancy change goes to the watchers of its place's cell
// only. Client-safe.
import { boundingBox, type TPoint } from "../lib/geo";

const CELL_DEGREES = 0.1;
/** A socket watches at most this many cells (a 20 km radius in mid-latitudes needs about 30). */
export const MAX_WATCHED_CELLS = 64;
export const CELL_PATTERN = /^-?\d{1,4}:-?\d{1,4}$/;

export function cellOf(latitude: number, longitude: number): string {
  return `${Math.floor(latitude / CELL_DEGREES)}:${Math.floor(longitude / CELL_DEGREES)}`;
}

/** The cells covering a circle (all of them, or null when there would be too many to watch). */
export function cellsCovering(centre: TPoint, radiusM: number): string[] | null {
  const box = boundingBox(centre, radiusM);
  const cells: string[] = [];
  const lat0 = Math.floor(box.minLat / CELL_DEGREES);
  const lat1 = Math.floor(box.maxLat / CELL_DEGREES);
  for (const [minLon, maxLon] of box.lonRanges) {
    const lon0 = Math.floor(minLon / CELL_DEGREES);
    const lon1 = Math.floor(maxLon / CELL_DEGREES);
    if ((lat1 - lat0 + 1) * (lon1 - lon0 + 1) + cells.length > MAX_WATCHED_CELLS) return null;
    for (let a = lat0; a <= lat1; a++) for (let o = lon0; o <= lon1; o++) cells.push(`${a}:${o}`);
  }
  return cells;
}
