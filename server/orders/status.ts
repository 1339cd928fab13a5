// An order's statuses, on their own so that client code (the socket event declarations)
// can use them without importing the rest of the orders schema.
import { z } from "zod";

export const ZOrderStatus = z.enum(["placed", "accepted", "out_for_delivery", "delivered", "rejected", "canceled"]);
export type TOrderStatus = z.infer<typeof ZOrderStatus>;
