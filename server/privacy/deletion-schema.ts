// Client-safe shapes of account deletion (server/privacy/deletion.ts).
import { z } from "zod";
import { ZId } from "../lib/input";

export const ZDeletionRequestInput = z.object({ password: z.string().min(1, { message: "required" }).max(200) });
export type TDeletionRequestInput = z.infer<typeof ZDeletionRequestInput>;

export const ZBlocker = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("wallet"), balance: z.number().int(), currency: z.string() }),
  z.object({ kind: z.literal("shop"), shopId: ZId, name: z.string(), openOrders: z.number().int(), upcomingBookings: z.number().int() }),
  z.object({ kind: z.literal("soleManager"), buildingId: ZId, name: z.string() }),
  z.object({ kind: z.literal("ownOrders"), count: z.number().int() }),
  z.object({ kind: z.literal("ownBookings"), count: z.number().int() }),
  z.object({ kind: z.literal("pendingTopUp"), count: z.number().int() }),
]);
export type TBlockerView = z.infer<typeof ZBlocker>;

export const ZDeletionStatus = z.object({ graceDays: z.number().int(), blockers: z.array(ZBlocker), unpaidBills: z.number().int() });
export const ZDeletionRequested = z.object({ eraseOn: z.date() });
