// The parking list's first query, shared by the page (which prefetches it on the server) and
// the view (which starts from it), so that both ask for the same thing.
import type { TParkingFilters } from "~/server/parking/schema";

export const NO_FILTERS: TParkingFilters = { openNow: false, hasFreeSpaces: false, evCharging: false, accessible: false, maxPricePerHour: null, vehicleHeightCm: null };
export const DEFAULT_RADIUS_M = 2_000;
export const LIST_LIMIT = 200;

export const firstListInput = () => ({ near: null, radiusM: DEFAULT_RADIUS_M, limit: LIST_LIMIT, filters: NO_FILTERS });
