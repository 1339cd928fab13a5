// Promotions' limits, without zod: the merchant's page shows them (counters, the cap) and
// loads the schema itself only when the form is sent (app/_lib/lazy-resolver.ts).

/** At most this many promotions per shop per resident per calendar month (the shop's time zone). */
export const PROMO_CAP = 4;
export const PROMO_TITLE_MAX = 60;
export const PROMO_BODY_MAX = 280;
