"use client";
// Money in the browser: amounts stay integer cents; text is parsed by string rules (never
// through floating point) and formatted only for display.
import { useFormatter } from "next-intl";
import { useCallback } from "react";

/** "12", "12.5", "12,50", "1 234,56" → cents; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export function useMoney() {
  const format = useFormatter();
  return useCallback(
    (cents: number, currency = "EUR", opts: { signed?: boolean } = {}) =>
      format.number(cents / 100, { style: "currency", currency, signDisplay: opts.signed ? "exceptZero" : "auto" }),
    [format],
  );
}

/** A fresh idempotency key: one per confirmation, reused if that confirmation is retried. */
export const newIdempotencyKey = () => crypto.randomUUID();
