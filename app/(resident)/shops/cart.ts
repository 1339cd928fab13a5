"use client";
// A cart per shop, kept in the browser (localStorage) so it survives reloads.
import { useCallback, useEffect, useState } from "react";

export type TCartLine = { productId: string; quantity: number };
const key = (shopId: string) => `quartier-cart:${shopId}`;

export function readCart(shopId: string): TCartLine[] {
  try {
    const v = JSON.parse(localStorage.getItem(key(shopId)) ?? "[]") as unknown;
    const isLine = (l: unknown): l is TCartLine => {
      const line = l as Partial<TCartLine> | null;
      return typeof line?.productId === "string" && Number.isInteger(line.quantity) && (line.quantity ?? 0) > 0;
    };
    return Array.isArray(v) ? v.filter(isLine) : [];
  } catch {
    return [];
  }
}

export function writeCart(shopId: string, lines: TCartLine[]) {
  if (lines.length) localStorage.setItem(key(shopId), JSON.stringify(lines));
  else localStorage.removeItem(key(shopId));
}

export function useCart(shopId: string) {
  const [lines, setLines] = useState<TCartLine[]>([]);
  useEffect(() => setLines(readCart(shopId)), [shopId]);
  const update = useCallback(
    (next: TCartLine[]) => {
      setLines(next);
      writeCart(shopId, next);
    },
    [shopId],
  );
  const setQuantity = useCallback(
    (productId: string, quantity: number) => {
      const q = Math.max(0, Math.min(99, quantity));
      const rest = readCart(shopId).filter((l) => l.productId !== productId);
      update(q > 0 ? [...rest, { productId, quantity: q }] : rest);
    },
    [shopId, update],
  );
  return { lines, setQuantity, clear: () => update([]), replace: update };
}
