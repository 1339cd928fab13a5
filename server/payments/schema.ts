// Shapes shared by the payments that top up what the wallet lacks (./top-up-then.ts).
import { z } from "zod";
import { ZCents } from "../ledger/schema";

/**
 * The figure the person agreed to top up on the confirmation (the missing amount they were
 * shown); if the balance moved since and the missing amount is now different, nothing
 * happens (TOPUP_CHANGED). At most one wallet top-up's ceiling.
 */
export const ZTopUpAmount = ZCents.max(200_000, { message: "topUpMax" });

/** Paid (with what was topped up, 0 when the wallet covered it meanwhile), or the top-up waits. */
export function ZTopUpThenResult<T extends z.ZodRawShape>(paid: z.ZodObject<T>) {
  return z.discriminatedUnion("status", [
    paid.extend({ status: z.literal("paid"), toppedUp: z.number().int() }),
    // A provider that confirms later: the same request is asked again, with the same key, once the money has arrived.
    z.object({ status: z.literal("topUpPending"), intentId: z.string(), amount: z.number().int(), redirectUrl: z.string().nullable() }),
  ]);
}
