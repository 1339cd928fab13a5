// The staff homes' shapes (issue 15), client-safe: what a merchant, a manager and an admin
// see first, "what needs me now". Each list carries a few items and the full count.
import { z } from "zod";
import { ZRepairCategory } from "../repairs/schema";
import { ZCommonRepairStatus } from "../repairs/common-schema";

const ZSum = z.object({ count: z.number().int(), amount: z.number().int() });
const ZUnitLabel = z.object({ staircase: z.string(), floor: z.number().int(), door: z.string() });

export const ZMerchantHomeShop = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["shop", "repairer"]),
  status: z.enum(["pending", "approved", "rejected", "suspended"]),
  timeZone: z.string(),
  currency: z.string(),
  /** Today in the shop's time zone (YYYY-MM-DD). */
  today: z.string(),
  /** Orders placed and not yet accepted or rejected, oldest first (the customer's display name only). */
  waitingOrders: z.object({
    count: z.number().int(),
    items: z.array(z.strictObject({ id: z.string(), number: z.number().int(), customerName: z.string(), total: z.number().int(), createdAt: z.date() })),
  }),
  /** Today's deliveries by window, in window order (rejected and cancelled orders left out). */
  deliveries: z.array(
    z.object({ starts: z.string(), ends: z.string(), orders: z.number().int(), toAccept: z.number().int(), delivered: z.number().int(), total: z.number().int() }),
  ),
  /** What the till took today (the shop's day): from the ledger. */
  takings: z.object({ orders: ZSum, qr: ZSum, deposits: ZSum, refunds: ZSum, net: z.number().int() }),
  /** Repairers: requests waiting for an answer, oldest request first. */
  repairRequests: z.object({
    count: z.number().int(),
    items: z.array(z.strictObject({ id: z.string(), residentName: z.string(), category: ZRepairCategory, startsAt: z.date(), requestedAt: z.date() })),
  }),
});
export type TMerchantHomeShop = z.infer<typeof ZMerchantHomeShop>;

export const ZMerchantHome = z.object({
  /** Unread messages from customers across the merchant's conversations. */
  unreadMessages: z.number().int(),
  shops: z.array(ZMerchantHomeShop),
  /** Shops beyond those shown (a home shows the first few). */
  moreShops: z.number().int(),
});

export const ZManagerHomeBuilding = z.object({
  id: z.string(),
  name: z.string(),
  requests: z.object({
    count: z.number().int(),
    items: z.array(z.strictObject({ id: z.string(), name: z.string(), unit: ZUnitLabel, createdAt: z.date() })),
  }),
  /** Units with at least one overdue bill, and what they owe overdue. */
  arrears: z.object({ units: z.number().int(), overdue: z.number().int(), currency: z.string() }),
  /** Urgent notices still published, with the units that acknowledged them. */
  urgentNotices: z.array(z.object({ id: z.string(), title: z.string(), publishedAt: z.date(), units: z.number().int(), acknowledgedUnits: z.number().int() })),
  commonRepairs: z.object({
    count: z.number().int(),
    items: z.array(z.object({ id: z.string(), title: z.string(), status: ZCommonRepairStatus, staircase: z.string().nullable(), supporters: z.number().int(), createdAt: z.date() })),
  }),
});
export type TManagerHomeBuilding = z.infer<typeof ZManagerHomeBuilding>;

export const ZManagerHome = z.object({ buildings: z.array(ZManagerHomeBuilding), moreBuildings: z.number().int() });

const ZWaitingShop = z.object({ id: z.string(), name: z.string(), ownerName: z.string(), createdAt: z.date() });

export const ZAdminHome = z.object({
  shops: z.object({ count: z.number().int(), items: z.array(ZWaitingShop) }),
  repairers: z.object({ count: z.number().int(), items: z.array(ZWaitingShop) }),
  reports: z.object({
    /** Open reports (at most the moderation list's length; isMore when there may be more). */
    count: z.number().int(),
    isMore: z.boolean(),
    items: z.array(z.object({ id: z.string(), reason: z.enum(["spam", "abuse", "scam", "other"]), shopName: z.string(), createdAt: z.date() })),
  }),
  staleFeeds: z.object({
    staleAfterMinutes: z.number().int(),
    operators: z.array(
      z.object({
        operatorId: z.string(),
        operatorName: z.string(),
        places: z.number().int(),
        oldestObservedAt: z.date().nullable(),
        hasNeverReported: z.boolean(),
        examples: z.array(z.object({ id: z.string(), name: z.string(), observedAt: z.date().nullable() })),
      }),
    ),
  }),
});
