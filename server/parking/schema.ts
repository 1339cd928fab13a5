// Parking: what goes in and out of the parking procedures. Client-safe (zod only).
import { z } from "zod";
import { ZId } from "../lib/input";

export const PARKING_KINDS = ["car_park", "underground", "on_street", "building"] as const;
export const ZParkingKind = z.enum(PARKING_KINDS);

/**
 * What a marker shows: free (room to spare), almostFull (a few spaces or under a tenth
 * left), full, closed (outside its hours), unknown (never observed, or older than the
 * freshness threshold: a stale count is never shown as if it were true).
 */
export const ZAvailability = z.enum(["free", "almostFull", "full", "closed", "unknown"]);
export type TAvailability = z.infer<typeof ZAvailability>;

export const ZLatLon = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const ZParkingFilters = z.object({
  openNow: z.boolean().default(false),
  hasFreeSpaces: z.boolean().default(false),
  evCharging: z.boolean().default(false),
  accessible: z.boolean().default(false),
  /** Most one may pay for one hour, in cents. */
  maxPricePerHour: z.number().int().min(0).max(100_000).nullish(),
  /** The vehicle's height in centimetres: places with a lower limit are left out. */
  vehicleHeightCm: z.number().int().min(100).max(500).nullish(),
});
export type TParkingFilters = z.infer<typeof ZParkingFilters>;

export const ZNearbyInput = z.object({
  /** Where to look from; without it, the caller's building. */
  near: ZLatLon.nullish(),
  radiusM: z.number().int().min(100).max(20_000).default(2_000),
  limit: z.number().int().min(1).max(200).default(50),
  filters: ZParkingFilters.default({ openNow: false, hasFreeSpaces: false, evCharging: false, accessible: false }),
});
export type TNearbyInput = z.input<typeof ZNearbyInput>;

export const ZParkingHours = z.object({ weekday: z.number().int().min(1).max(7), opens: z.string(), closes: z.string() });

export const ZParkingPlace = z.object({
  id: z.string(),
  name: z.string(),
  operator: z.string(),
  address: z.string(),
  kind: ZParkingKind,
  buildingId: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  distanceM: z.number().int(),
  capacity: z.number().int(),
  capacityDisabled: z.number().int(),
  capacityCharging: z.number().int(),
  /** Null when never observed or stale: then availability is "unknown" (or "closed"). */
  freeSpaces: z.number().int().nullable(),
  observedAt: z.date().nullable(),
  isStale: z.boolean(),
  availability: ZAvailability,
  pricePerHour: z.number().int().nullable(),
  /** What one hour costs once the free minutes are counted; null when the price is unknown. */
  priceOneHour: z.number().int().nullable(),
  freeMinutes: z.number().int(),
  maxStayMinutes: z.number().int().nullable(),
  maxHeightCm: z.number().int().nullable(),
  isCovered: z.boolean(),
  evChargers: z.number().int(),
  evPowerKw: z.number().nullable(),
  publicUrl: z.string().nullable(),
  alwaysOpen: z.boolean(),
  isOpen: z.boolean(),
  nextOpening: z.date().nullable(),
  hours: z.array(ZParkingHours),
  isFavourite: z.boolean(),
  notifyWhenFree: z.boolean(),
});
export type TParkingPlace = z.infer<typeof ZParkingPlace>;

export const ZNearby = z.object({
  centre: ZLatLon.extend({ label: z.string().nullable() }),
  radiusM: z.number().int(),
  staleAfterMinutes: z.number().int(),
  places: z.array(ZParkingPlace),
});
export type TNearby = z.infer<typeof ZNearby>;

export const ZFavouriteInput = z.object({ placeId: ZId, notifyWhenFree: z.boolean().default(false) });

export const ZOccupancyInput = z.object({ placeId: ZId, freeSpaces: z.number().int().min(0).max(100_000) });
