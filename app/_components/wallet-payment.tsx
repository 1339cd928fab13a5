"use client";
// Paying from the wallet when it may be short: the bills' confirmation, the shop's checkout
// and the pay-by-QR page. What is missing is said before the tap, and one action tops up
// exactly that and pays (bills.topUpAndPay, orders.topUpAndPlace, qr.topUpAndPay: the
// server's topUpThen). Offline, the action is disabled and says why. One idempotency key
// per confirmation: kept after a network error (the request may have arrived, and a retry
// must not pay twice), renewed after a refusal (which moved nothing, or says what it kept).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { errorData, useErrorMessage } from "../_lib/errors";
import { newIdempotencyKey, useMoney } from "../_lib/money";
import { useIsOnline } from "../_lib/online";

/** Refusals after which the balance or what is being paid has moved: the page fetches the figures again. */
const MOVED = ["TOPUP_CHANGED", "TOPPED_UP_NOT_PAID", "INSUFFICIENT_FUNDS", "BILL_ALREADY_PAID", "OUT_OF_STOCK", "PRODUCT_UNAVAILABLE", "QR_ALREADY_PAID", "QR_EXPIRED"];

type TPending = { status: "topUpPending"; redirectUrl: string | null };
const isPending = (r: unknown): r is TPending => (r as { status?: unknown } | null)?.status === "topUpPending";

export type TPaymentError = { message: string; isFunds: boolean };

export function useWalletPayment({
  total,
  balance,
  currency,
  resetOn,
  onMoved,
  keptMessage,
}: {
  total: number;
  /** The wallet's balance, null while it loads. */
  balance: number | null;
  currency?: string;
  /** A new confirmation (opened again, other bills, another cart): a fresh key, no old error. */
  resetOn: unknown;
  /** After a refusal that says the balance or the thing paid moved. */
  onMoved?: () => unknown;
  /** The sentence for TOPPED_UP_NOT_PAID, from what was topped up and why the payment was then refused; errors.TOPPED_UP_NOT_PAID without it. */
  keptMessage?: (amount: string, reason: string) => string;
}) {
  const t = useTranslations("walletPayment");
  const te = useTranslations("errors");
  const money = useMoney();
  const toMessage = useErrorMessage();
  const isOnline = useIsOnline();
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<TPaymentError | null>(null);
  useEffect(() => {
    setKey(newIdempotencyKey());
    setError(null);
  }, [resetOn]);
  const missing = balance !== null && balance < total ? total - balance : 0;

  const describe = (err: unknown) => {
    const data = errorData(err);
    if (data?.appCode !== "TOPPED_UP_NOT_PAID" || !keptMessage || !data.params) return toMessage(err);
    const reason = String(data.params.reason ?? "");
    return keptMessage(money(Number(data.params.amount), currency), te.has(reason) ? te(reason, data.params) : "").trim();
  };

  /**
   * One attempt with the confirmation's key (a payment, or a top-up-and-pay): its result
   * when it paid; null when it did not (the error is set, or the payer was sent to a
   * provider that confirms later).
   */
  const attempt = async <T,>(send: (key: string) => Promise<T>): Promise<Exclude<T, TPending> | null> => {
    setError(null);
    try {
      const result = await send(key);
      if (!isPending(result)) return result as Exclude<T, TPending>;
      // Paying again with the same key once the money is in finishes the job.
      if (result.redirectUrl) window.location.assign(result.redirectUrl);
      else setError({ message: t("topUpPending"), isFunds: false });
      return null;
    } catch (err) {
      const data = errorData(err);
      if (data) setKey(newIdempotencyKey());
      if (data?.appCode && MOVED.includes(data.appCode)) void onMoved?.();
      setError({ message: describe(err), isFunds: data?.appCode === "INSUFFICIENT_FUNDS" });
      return null;
    }
  };

  return { missing, isShort: missing > 0, isOnline, error, attempt };
}

/**
 * What the payer reads above the action: the balance it is paid from, or what is missing;
 * that top-ups are not offered here; that the browser is offline; the last refusal.
 */
export function WalletPaymentNotes({
  payment,
  balance,
  currency,
  fromWallet,
  canTopUp,
  noTopUp,
  offline,
}: {
  payment: ReturnType<typeof useWalletPayment>;
  balance: number | null;
  currency?: string;
  /** "From your wallet (balance …)" in the page's words. */
  fromWallet: (balance: string) => string;
  canTopUp: boolean;
  noTopUp: string;
  /** "You're offline: this … can't be … now." */
  offline: string;
}) {
  const t = useTranslations("walletPayment");
  const money = useMoney();
  const { isShort, missing, isOnline, error } = payment;
  return (
    <>
      {balance !== null &&
        (isShort ? (
          <p className="notice notice-danger" data-testid="pay-missing">
            {t("missing", { balance: money(balance, currency), missing: money(missing, currency) })}
          </p>
        ) : (
          <p className="hint">{fromWallet(money(balance, currency))}</p>
        ))}
      {isShort && !canTopUp && <p className="hint">{noTopUp}</p>}
      {!isOnline && (
        <p className="offline-note" role="status" data-testid="pay-offline">
          {offline}
        </p>
      )}
      {error && (
        <div className="form-error" role="alert">
          {error.message} {error.isFunds && <Link href="/wallet">{t("topUpLink")}</Link>}
        </div>
      )}
    </>
  );
}
