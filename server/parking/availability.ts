// What a marker shows and what an hour costs: shared by the service and the page, which
// re-applies them as live occupancy arrives and as counts age. Client-safe.
import type { TAvailability } from "./schema";

/** Under this many free spaces (at least 3, or a tenth of the capacity), a place is almost full. */
export function availabilityOf(p: { capacity: number; freeSpaces: number | null }, isOpen: boolean, isStale: boolean): TAvailability {
  if (!isOpen) return "closed";
  if (p.freeSpaces === null || isStale) return "unknown";
  if (p.freeSpaces === 0) return "full";
  if (p.freeSpaces <= Math.max(3, Math.ceil(p.capacity / 10))) return "almostFull";
  return "free";
}

/** Older than the threshold (or never observed), a count is not shown. */
export function isStaleAt(observedAt: Date | null, staleAfterMinutes: number, now: Date): boolean {
  return observedAt === null || now.getTime() - observedAt.getTime() > staleAfterMinutes * 60_000;
}

/** What one hour costs, the free minutes counted. */
export function priceOneHour(pricePerHour: number | null, freeMinutes: number): number | null {
  if (pricePerHour === null) return null;
  return Math.round((pricePerHour * Math.max(0, 60 - freeMinutes)) / 60);
}
