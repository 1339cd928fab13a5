import { z } from "zod";
import { ZIdempotencyKey } from "../ledger/schema";
import { ZTopUpAmount, ZTopUpThenResult } from "../payments/schema";
import { ZDay } from "../bills/schema";

import { ZId } from "../lib/input";
import { ZOrderStatus } from "./status";

export { ZOrderStatus, type TOrderStatus } from "./status";

export const ZPlaceOrderInput = z.object({
  shopId: ZId,
  unitId: ZId,
  windowId: ZId,
  date: ZDay,
  note: z.string().trim().max(300, { message: "tooLong" }).default(""),
  lines: z
    .array(z.object({ productId: ZId, quantity: z.number().int({ message: "integer" }).min(1, { message: "quantity" }).max(99, { message: "quantity" }) }))
    .min(1, { message: "emptyCart" })
    .max(60, { message: "tooMany" }),
  idempotencyKey: ZIdempotencyKey,
});

/** Order what the wallet does not cover: top up exactly the missing amount, then place the order. */
export const ZTopUpAndPlaceInput = ZPlaceOrderInput.extend({ topUpAmount: ZTopUpAmount });

export const ZPlaceResult = z.object({ orderId: z.string(), number: z.number().int(), total: z.number().int(), isReplay: z.boolean() });
export const ZTopUpAndPlaceResult = ZTopUpThenResult(ZPlaceResult);

const ZLineUnit = z.enum(["piece", "kg", "pack"]);
const ZUnitLabel = z.object({ staircase: z.string(), floor: z.number().int(), door: z.string() });

export const ZResidentOrder = z.object({
  id: z.string(),
  number: z.number().int(),
  shop: z.object({ id: z.string(), name: z.string() }),
  status: ZOrderStatus,
  total: z.number().int(),
  currency: z.string(),
  deliveryDate: z.date(),
  windowStarts: z.string(),
  windowEnds: z.string(),
  note: z.string(),
  buildingName: z.string(),
  unit: ZUnitLabel,
  createdAt: z.date(),
  receiptId: z.string(),
  lines: z.array(z.object({ productId: z.string(), name: z.string(), unit: ZLineUnit, price: z.number().int(), quantity: z.number().int(), total: z.number().int() })),
});

/** What a merchant sees of an order: the customer's display name and delivery unit, nothing more. */
export const ZBoardOrder = z.strictObject({
  id: z.string(),
  number: z.number().int(),
  status: ZOrderStatus,
  total: z.number().int(),
  currency: z.string(),
  deliveryDate: z.date(),
  windowStarts: z.string(),
  windowEnds: z.string(),
  note: z.string(),
  createdAt: z.date(),
  customerName: z.string(),
  buildingName: z.string(),
  unit: z.strictObject({ staircase: z.string(), floor: z.number().int(), door: z.string() }),
  lines: z.array(z.strictObject({ name: z.string(), unit: ZLineUnit, quantity: z.number().int(), total: z.number().int() })),
});
