// Merchant promotions' shapes (issue 14), client-safe: the merchant's form and the API share
// them. Error messages are translation keys (validation.*).
import { z } from "zod";
import { ZId } from "../lib/input";
import { PROMO_BODY_MAX, PROMO_TITLE_MAX } from "./limits";

export { PROMO_BODY_MAX, PROMO_CAP, PROMO_TITLE_MAX } from "./limits";

const text = (max: number) => z.string({ message: "required" }).trim().min(1, { message: "required" }).max(max, { message: "tooLong" });

export const ZShopRef = z.object({ shopId: ZId });

/** What a merchant composes. */
export const ZPromotionInput = z.object({
  shopId: ZId,
  title: text(PROMO_TITLE_MAX),
  body: text(PROMO_BODY_MAX),
});
export type TPromotionInput = z.infer<typeof ZPromotionInput>;

/** Who a promotion sent now would reach, this month. */
export const ZReach = z.object({
  /** "2026-12": the calendar month in the shop's time zone. */
  month: z.string(),
  /** Opted-in residents who still live in a building the shop delivers to. */
  optedIn: z.number().int(),
  /** Of those, how many would receive it (under the cap this month). */
  willReceive: z.number().int(),
  /** Of those, how many have had PROMO_CAP this month and would be skipped. */
  atCap: z.number().int(),
});
export type TReach = z.infer<typeof ZReach>;

/** A promotion as its merchant sees it afterwards: never who received it, only how many. */
export const ZPromotion = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  sentCount: z.number().int(),
  skipped: z.number().int(),
  createdAt: z.date(),
});
export type TPromotion = z.infer<typeof ZPromotion>;

/** A shop the resident gets offers from. */
export const ZOptIn = z.object({
  shopId: z.string(),
  shopName: z.string(),
  since: z.date(),
  /** The shop still delivers to a building the resident lives in (otherwise nothing arrives). */
  isReaching: z.boolean(),
});
export type TOptIn = z.infer<typeof ZOptIn>;
