"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, Card, Empty, Loading } from "../../../_components/ui";
import { WalletPaymentNotes, useWalletPayment } from "../../../_components/wallet-payment";
import { useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";

export function PayView({ token }: { token: string }) {
  const t = useTranslations("pay");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const money = useMoney();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.qr.get.queryOptions({ token }, { retry: false }));
  const wallet = useQuery(trpc.wallet.get.queryOptions());
  const [paid, setPaid] = useState<{ transactionId: string; toppedUp: number } | null>(null);
  const pay = useMutation(trpc.qr.pay.mutationOptions());
  const topUpAndPay = useMutation(trpc.qr.topUpAndPay.mutationOptions());
  const currency = preview.data?.currency;
  const payment = useWalletPayment({
    total: preview.data?.amount ?? 0,
    balance: wallet.data?.balance ?? null,
    currency,
    resetOn: token,
    onMoved: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() }), preview.refetch()]),
    keptMessage: (amount, reason) => t("toppedUpNotPaid", { amount, reason }),
  });
  const { isShort, missing, isOnline } = payment;
  const canTopUp = !!wallet.data?.provider;

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
  const confirm = async (withTopUp: boolean) => {
    const res = await payment.attempt(async (idempotencyKey) => (withTopUp ? await topUpAndPay.mutateAsync({ token, idempotencyKey, topUpAmount: missing }) : { ...(await pay.mutateAsync({ token, idempotencyKey })), status: "paid" as const, toppedUp: 0 }));
    if (!res) return;
    setPaid({ transactionId: res.transactionId, toppedUp: res.toppedUp });
    await queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
  };

  return (
    <div className="page narrow pay-page">
      <Card className="card-accent">
        <p className="muted">{t("payTo")}</p>
        <h1 data-testid="pay-shop">{p.shopName}</h1>
        <p className="balance" data-testid="pay-amount">{money(p.amount, p.currency)}</p>
        {p.label && <p className="strong">{p.label}</p>}
        {paid ? (
          <div className="notice notice-ok" role="status" data-testid="pay-done">
            <p className="strong">{paid.toppedUp > 0 ? t("doneToppedUp", { topUp: money(paid.toppedUp, p.currency) }) : t("done")}</p>
            <Link href={`/wallet/${paid.transactionId}`}>{t("receipt")}</Link>
          </div>
        ) : p.status === "paid" ? (
          <p className="notice" role="status">{t("alreadyPaid")}</p>
        ) : p.status === "expired" ? (
          <p className="notice notice-danger" role="status">{t("expired")}</p>
        ) : (
          <>
            <WalletPaymentNotes
              payment={payment}
              balance={wallet.data?.balance ?? null}
              currency={p.currency}
              fromWallet={(balance) => t("fromWallet", { balance })}
              canTopUp={canTopUp}
              noTopUp={t("noTopUp")}
              offline={tc("offlinePayment")}
            />
            {isShort && canTopUp ? (
              <Button onClick={() => void confirm(true)} isBusy={topUpAndPay.isPending} busyLabel={t("paying")} disabled={!isOnline} className="wide" data-testid="pay-confirm">
                {t("topUpAndPay", { missing: money(missing, p.currency) })}
              </Button>
            ) : (
              <Button onClick={() => void confirm(false)} isBusy={pay.isPending} busyLabel={t("paying")} disabled={!isOnline || isShort} className="wide" data-testid="pay-confirm">
                {t("confirm", { amount: money(p.amount, p.currency) })}
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
