// Shapes of the shops domain: shops, hours, delivery windows, products.
import { z } from "zod";
import { ZTimeZone } from "../buildings/schema";

export const SHOP_CATEGORIES = ["grocery", "produce", "water", "bakery", "pharmacy", "other"] as const;
export const PRODUCT_UNITS = ["piece", "kg", "pack"] as const;
export const ZShopCategory = z.enum(SHOP_CATEGORIES, { message: "shopCategory" });
export const ZProductUnit = z.enum(PRODUCT_UNITS, { message: "productUnit" });

import { ZId } from "../lib/input";
const text = (max: number) => z.string().trim().min(1, { message: "required" }).max(max, { message: "tooLong" });
export const ZHhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "time" });
const ZPrice = z.number({ message: "number" }).int({ message: "cents" }).min(1, { message: "amountMin" }).max(1_000_000, { message: "amountMax" });

export const ZHours = z
  .object({ weekday: z.number().int().min(1).max(7), opens: ZHhmm, closes: ZHhmm })
  .refine((h) => h.closes > h.opens, { message: "timeOrder", path: ["closes"] });

export const ZWindow = z
  .object({ starts: ZHhmm, ends: ZHhmm, cutoffMinutes: z.number().int().min(0, { message: "cutoff" }).max(24 * 60, { message: "cutoff" }) })
  .refine((w) => w.ends > w.starts, { message: "timeOrder", path: ["ends"] });

export const ZShopInput = z.object({
  name: text(80),
  description: z.string().trim().max(1000, { message: "tooLong" }).default(""),
  category: ZShopCategory,
  photoId: ZId.nullable().default(null),
  minOrder: z.number({ message: "number" }).int({ message: "cents" }).min(0, { message: "nonNegative" }).max(100_000, { message: "amountMax" }).default(0),
  timeZone: ZTimeZone.default("Europe/Paris"),
  hours: z.array(ZHours).max(28, { message: "tooMany" }).default([]),
  windows: z.array(ZWindow).max(12, { message: "tooMany" }).default([]),
  buildingIds: z.array(ZId).max(50, { message: "tooMany" }).default([]),
  /** "repairer": listed among repairers (with its repair settings), not among shops. */
  kind: z.enum(["shop", "repairer"]).default("shop"),
});
export type TShopInput = z.infer<typeof ZShopInput>;

export const ZProductInput = z.object({
  name: text(80),
  description: z.string().trim().max(500, { message: "tooLong" }).default(""),
  price: ZPrice,
  unit: ZProductUnit.default("piece"),
  category: z.string().trim().max(40, { message: "tooLong" }).default(""),
  photoId: ZId.nullable().default(null),
  /** null = unlimited */
  stock: z.number({ message: "number" }).int({ message: "integer" }).min(0, { message: "nonNegative" }).max(1_000_000, { message: "tooLarge" }).nullable().default(null),
  isActive: z.boolean().default(true),
});

export const ZProductPatch = z.object({
  id: ZId,
  price: ZPrice.optional(),
  stock: z.number({ message: "number" }).int({ message: "integer" }).min(0, { message: "nonNegative" }).max(1_000_000, { message: "tooLarge" }).nullable().optional(),
  isActive: z.boolean().optional(),
  name: text(80).optional(),
  description: z.string().trim().max(500, { message: "tooLong" }).optional(),
  unit: ZProductUnit.optional(),
  category: z.string().trim().max(40, { message: "tooLong" }).optional(),
  photoId: ZId.nullable().optional(),
});

const ZPhoto = z.string().nullable();

export const ZProduct = z.object({
  id: z.string(),
  shopId: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  unit: ZProductUnit,
  category: z.string(),
  photoUrl: ZPhoto,
  photoId: z.string().nullable(),
  stock: z.number().int().nullable(),
  isActive: z.boolean(),
});

export const ZShopPublic = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: ZShopCategory,
  photoUrl: ZPhoto,
  minOrder: z.number().int(),
  timeZone: z.string(),
  hours: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })),
  windows: z.array(z.object({ id: z.string(), starts: z.string(), ends: z.string(), cutoffMinutes: z.number().int() })),
  isOpen: z.boolean(),
  /** When closed: the next opening, as an instant. */
  nextOpening: z.date().nullable(),
});

export const ZMyShop = ZShopPublic.extend({
  status: z.enum(["pending", "approved", "rejected", "suspended"]),
  kind: z.enum(["shop", "repairer"]),
  photoId: z.string().nullable(),
  buildings: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const ZCatalogueImportInput = z.object({
  shopId: ZId,
  csv: z.string().max(1_000_000, { message: "fileTooLarge" }),
  dryRun: z.boolean().default(false),
});
