// Who holds which time, written so that the database refuses a double booking (issue 13).
// A job claims every 5-minute cell of [start, end + buffer) at seat 0; an arrival window's
// bookings claim the window's start, one seat each. RepairSlotClaim's primary key
// (serviceId, cellAt, seat) makes a second claim on any shared cell fail, whatever the
// lengths of the two jobs: the slot engine's check (slots.ts) says why a slot is not offered,
// this says it for certain when two requests race.
//
// Why cells rather than an exclusion constraint: PostgreSQL's `EXCLUDE USING gist` has no
// SQLite twin, and the embedded database must be as safe as the scale-out one. Hours are on a
// 5-minute grid (the settings schema checks it) and every zone's offset is a multiple of
// 15 minutes, so a wall-clock slot always starts and ends on a cell boundary: the cells are
// exact, not an approximation.
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { isUniqueViolation } from "../lib/db-errors";

export const CELL_MS = 5 * 60_000;

/** The cells [start, end + buffer) covers, as instants (a start not on the grid is rounded down, an end up). */
export function cellsOf(start: Date, end: Date, bufferMinutes = 0): Date[] {
  const from = Math.floor(start.getTime() / CELL_MS) * CELL_MS;
  const until = Math.ceil((end.getTime() + bufferMinutes * 60_000) / CELL_MS) * CELL_MS;
  const out: Date[] = [];
  for (let t = from; t < until; t += CELL_MS) out.push(new Date(t));
  return out;
}

export type TClaimShape = { mode: "exact"; bufferMinutes: number } | { mode: "window"; capacity: number };

/**
 * Claims [start, end) for a booking inside the caller's transaction, or throws SLOT_TAKEN
 * (the transaction must then roll back). `skip` are cells the booking already holds (a
 * proposed slot overlapping the current one). Window mode takes the first free seat as read
 * in this transaction; a racer that took it first makes the insert fail, and the caller
 * retries the whole transaction (see withSeatRetry).
 */
export async function claim(tx: DbTx, serviceId: string, bookingId: string, start: Date, end: Date, shape: TClaimShape, skip: Date[] = []): Promise<void> {
  let rows: { serviceId: string; cellAt: Date; seat: number; bookingId: string }[];
  if (shape.mode === "exact") {
    const held = new Set(skip.map((d) => d.getTime()));
    rows = cellsOf(start, end, shape.bufferMinutes)
      .filter((c) => !held.has(c.getTime()))
      .map((cellAt) => ({ serviceId, cellAt, seat: 0, bookingId }));
  } else {
    const taken = await tx.repairSlotClaim.findMany({ where: { serviceId, cellAt: start }, select: { seat: true } });
    const used = new Set(taken.map((t) => t.seat));
    let seat = 0;
    while (used.has(seat)) seat++;
    if (seat >= shape.capacity) throw new AppError("SLOT_TAKEN", "This slot was just taken");
    rows = [{ serviceId, cellAt: start, seat, bookingId }];
  }
  if (!rows.length) return;
  try {
    await tx.repairSlotClaim.createMany({ data: rows });
  } catch (e) {
    if (isUniqueViolation(e)) throw new SeatRace(shape.mode === "window");
    throw e;
  }
}

/**
 * Whether [start, end) is already claimed by a live booking, read outside any transaction: a
 * cheap refusal before BEGIN for the many requests that lose a race (a clash costs one read
 * instead of a rolled-back transaction). Lapsed holds and the caller's own holds (which the
 * hold lets go) do not count. A "no" here proves nothing: the claim's primary key decides.
 */
export async function isClaimed(db: Db, serviceId: string, start: Date, end: Date, shape: TClaimShape, userId: string, now: Date): Promise<boolean> {
  const live = { NOT: [{ status: "held", holdExpiresAt: { lte: now } }, { status: "held", residentId: userId }] };
  if (shape.mode === "exact") {
    const hit = await db.repairSlotClaim.findFirst({ where: { serviceId, cellAt: { in: cellsOf(start, end, shape.bufferMinutes) }, booking: live }, select: { seat: true } });
    return hit !== null;
  }
  return (await db.repairSlotClaim.count({ where: { serviceId, cellAt: start, booking: live } })) >= shape.capacity;
}

/** A claim lost to a concurrent one: final in exact mode, worth another try for the next seat of a window. */
export class SeatRace extends AppError {
  constructor(public readonly retry: boolean) {
    super("SLOT_TAKEN", "This slot was just taken");
  }
}

/** Runs a claiming transaction again when it lost a window seat to a racer (at most `tries` times). */
export async function withSeatRetry<T>(run: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof SeatRace) || !e.retry || i >= tries) throw e instanceof SeatRace ? new AppError("SLOT_TAKEN", "This slot was just taken") : e;
    }
  }
}

/** Frees the cells of lapsed holds among `cells` (they no longer hold their time), marking the holds expired. */
export async function releaseLapsed(tx: DbTx, serviceId: string, now: Date): Promise<void> {
  const lapsed = await tx.repairBooking.findMany({ where: { serviceId, status: "held", holdExpiresAt: { lte: now } }, select: { id: true } });
  if (!lapsed.length) return;
  const ids = lapsed.map((b) => b.id);
  // Expire first, then free only what this transaction expired: a hold booked meanwhile keeps its cells.
  await tx.repairBooking.updateMany({ where: { id: { in: ids }, status: "held", holdExpiresAt: { lte: now } }, data: { status: "expired" } });
  await tx.repairSlotClaim.deleteMany({ where: { bookingId: { in: ids }, booking: { status: "expired" } } });
}

/** Keeps only the booking's claims inside [start, end + buffer) (after a move), or frees them all. */
export async function releaseClaims(tx: DbTx, bookingId: string, keep?: Date[]): Promise<void> {
  await tx.repairSlotClaim.deleteMany({ where: { bookingId, ...(keep ? { cellAt: { notIn: keep } } : {}) } });
}
