"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, Card, Empty, Loading } from "../../../_components/ui";
import { errorData, useErrorMessage } from "../../../_lib/errors";
import { newIdempotencyKey, useMoney } from "../../../_lib/money";
import { useIsOnline } from "../../../_lib/online";
import { useTRPC } from "../../../_lib/trpc";

export function PayView({ token }: { token: string }) {
  const t = useTranslations("pay");
  const trpc = useTRPC();
  const money = useMoney();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.qr.get.queryOptions({ token }, { retry: false }));
  const wallet = useQuery(trpc.wallet.get.queryOptions());
  const [key] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const pay = useMutation(trpc.qr.pay.mutationOptions());
  const isOnline = useIsOnline();
  const tc = useTranslations("common");

  if (preview.isPending) return <Loading />;
  if (preview.isError)
    return (
      <Card>
        <Empty title={t("notFound")}>
          <Link href="/home">{t("home")}</Link>
        </Empty>
      </Card>
    );
  const p = preview.data;
  const confirm = async () => {
    setError(null);
    try {
      const res = await pay.mutateAsync({ token, idempotencyKey: key });
      setReceipt(res.transactionId);
      await queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
    } catch (e) {
      setError(toMessage(e));
      if (["QR_ALREADY_PAID", "QR_EXPIRED"].includes(errorData(e)?.appCode ?? "")) void preview.refetch();
    }
  };

  return (
    <div className="page narrow pay-page">
      <Card className="card-accent">
        <p className="muted">{t("payTo")}</p>
        <h1 data-testid="pay-shop">{p.shopName}</h1>
        <p className="balance" data-testid="pay-amount">{money(p.amount, p.currency)}</p>
        {p.label && <p className="strong">{p.label}</p>}
        {receipt ? (
          <div className="notice notice-ok" role="status" data-testid="pay-done">
            <p className="strong">{t("done")}</p>
            <Link href={`/wallet/${receipt}`}>{t("receipt")}</Link>
          </div>
        ) : p.status === "paid" ? (
          <p className="notice" role="status">{t("alreadyPaid")}</p>
        ) : p.status === "expired" ? (
          <p className="notice notice-danger" role="status">{t("expired")}</p>
        ) : (
          <>
            {wallet.data && <p className={`hint ${wallet.data.balance < p.amount ? "text-danger" : ""}`}>{t("fromWallet", { balance: money(wallet.data.balance, wallet.data.currency) })}</p>}
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            {!isOnline && (
              <p className="offline-note" role="status" data-testid="pay-offline">
                {tc("offlinePayment")}
              </p>
            )}
            <Button onClick={confirm} isBusy={pay.isPending} disabled={!isOnline} className="wide" data-testid="pay-confirm">
              {t("confirm", { amount: money(p.amount, p.currency) })}
            </Button>
          </>
        )}
      </Card>
    </div>
  );
}
