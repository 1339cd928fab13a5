// The demo neighbourhood's sensor feed: while the demo data is in use (SEED_DEMO, places of
// source "demo"), a scheduled job moves the free spaces of the demo garages and street
// zones a little every minute, through the same applyObservations() a real feed uses, so
// that a fresh start looks and behaves live (counts age, markers change, "tell me when it
// frees up" fires). Two places stay as they are on purpose: the garage whose feed went
// quiet (shown as unknown) and the buildings' own spaces, which their managers set by hand.
// PARKING_DEMO_FEED_SECONDS=0 turns it off; it never touches places of any other source.
import type { Db } from "../db";
import { applyObservations } from "./service";

export const QUIET_DEMO_FEED = "garage-5";

export async function demoFeedTick(db: Db, now = new Date(), random: () => number = Math.random) {
  const places = await db.parkingPlace.findMany({
    where: { source: "demo", kind: { not: "building" }, NOT: { externalId: QUIET_DEMO_FEED } },
    select: { id: true, capacity: true, freeSpaces: true },
  });
  const observations = places.map((p) => {
    const step = Math.max(1, Math.round(p.capacity * 0.04));
    const moved = (p.freeSpaces ?? Math.round(p.capacity / 3)) + Math.round((random() * 2 - 1) * step);
    return { placeId: p.id, freeSpaces: Math.min(p.capacity, Math.max(0, moved)), observedAt: now };
  });
  return (await applyObservations(db, observations)).length;
}
