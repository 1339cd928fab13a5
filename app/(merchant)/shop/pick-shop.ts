// Shared by the page (server) and the view (client): which of a merchant's shops /shop shows.

/** The shop the address names (`?shop=<id>`), else the merchant's first. */
export function pickShop<T extends { id: string }>(shops: readonly T[] | undefined, asked: string | null | undefined): T | undefined {
  return shops?.find((s) => s.id === asked) ?? shops?.[0];
}
