// How a slot reads on the resident's pages: in the building's zone, as the server computed
// it (display.starts / display.ends), so daylight-saving days read right.
import type { RouterOutputs } from "../../_lib/types";

export type TSlot = RouterOutputs["repairs"]["listSlots"]["slots"][number];

/** "09:00" for an exact start, "08:00–12:00" for an arrival window. */
export const slotLabel = (s: { mode: string; display: { starts: { time: string }; ends: { time: string } } }) =>
  s.mode === "window" ? `${s.display.starts.time}–${s.display.ends.time}` : s.display.starts.time;

export const REPAIR_CATEGORIES = ["plumbing", "electrical", "appliance", "locksmith", "heating", "vehicle"] as const;
export type TCategory = (typeof REPAIR_CATEGORIES)[number];
export const isCategory = (v: string | null): v is TCategory => !!v && (REPAIR_CATEGORIES as readonly string[]).includes(v);

export const BOOKING_STEPS = ["requested", "confirmed", "in_progress", "done"] as const;
