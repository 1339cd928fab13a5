"use client";
// "Delete my account" on the account page (server/privacy/deletion.ts): what is erased and
// what stays anonymised, a link to download one's data first, what blocks the deletion and
// how to deal with it (checked again on the server when asked), then the password. Once
// asked, every session of the person has ended: this browser signs out and lands on the
// public page that says when the account will be erased and that signing in cancels it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { TBlockerView } from "~/server/privacy/deletion-schema";
import { Button, Card, FormError, LoadError, Loading, PasswordField } from "../../_components/ui";
import { errorData, useErrorMessage } from "../../_lib/errors";
import { useMoney } from "../../_lib/money";
import { useIsOnline } from "../../_lib/online";
import { leaveTo } from "../../_lib/session-ended";
import { useTRPC } from "../../_lib/trpc";

export function DeleteAccountSection() {
  const t = useTranslations("deleteAccount");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.privacy.deletion.get.queryOptions());
  const request = useMutation(trpc.privacy.deletion.request.mutationOptions());
  const toMessage = useErrorMessage();
  const isOnline = useIsOnline();
  const [password, setPassword] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [isLeaving, setLeaving] = useState(false);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFieldError(undefined);
    setFormError(null);
    if (!password) {
      setFieldError(t("passwordRequired"));
      document.getElementById("delete-password")?.focus();
      return;
    }
    try {
      const { eraseOn } = await request.mutateAsync({ password });
      setLeaving(true);
      // Every session has ended, this one too: clear the cookie and go to the public page.
      await leaveTo(`/account-deleted?on=${eraseOn.toISOString().slice(0, 10)}`, async () => {
        const { signOut } = await import("next-auth/react");
        await signOut({ redirect: false });
      });
    } catch (err) {
      const code = errorData(err)?.appCode;
      if (code === "WRONG_PASSWORD") {
        setFieldError(t("wrongPassword"));
        document.getElementById("delete-password")?.focus();
      } else {
        setFormError(toMessage(err));
        if (code === "DELETION_BLOCKED") void queryClient.invalidateQueries({ queryKey: trpc.privacy.deletion.get.queryKey() });
      }
    }
  };

  return (
    <Card title={t("title")} className="delete-account">
      <p>{t("lead", { days: status.data?.graceDays ?? 7 })}</p>
      <div className="delete-account-columns">
        <div>
          <h3 className="delete-account-h">{t("erasedTitle")}</h3>
          <ul className="delete-account-list">
            <li>{t("erased.identity")}</li>
            <li>{t("erased.photos")}</li>
            <li>{t("erased.messages")}</li>
            <li>{t("erased.settings")}</li>
            <li>{t("erased.homes")}</li>
          </ul>
        </div>
        <div>
          <h3 className="delete-account-h">{t("keptTitle")}</h3>
          <ul className="delete-account-list">
            <li>{t("kept.money")}</li>
            <li>{t("kept.bills")}</li>
            <li>{t("kept.orders")}</li>
            <li>{t("kept.building")}</li>
          </ul>
        </div>
      </div>
      <p className="hint delete-account-export">
        {t("exportFirst")} <a href="#data">{t("exportLink")}</a>
      </p>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <LoadError onRetry={() => void status.refetch()} />
      ) : (
        <>
          {status.data.unpaidBills > 0 && <p className="hint">{t("unpaidBills", { count: status.data.unpaidBills })}</p>}
          {status.data.blockers.length > 0 ? (
            <div className="delete-account-blockers" data-testid="deletion-blockers">
              <h3 className="delete-account-h">{t("blockersTitle")}</h3>
              <ul>
                {status.data.blockers.map((b) => (
                  <BlockerItem key={b.kind === "shop" ? b.shopId : b.kind === "soleManager" ? b.buildingId : b.kind} b={b} />
                ))}
              </ul>
            </div>
          ) : (
            <form onSubmit={(e) => void onSubmit(e)} noValidate className="narrow">
              <PasswordField
                id="delete-password"
                label={t("password")}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={fieldError}
                hint={t("passwordHint")}
              />
              <FormError message={formError} />
              <Button type="submit" variant="danger" isBusy={request.isPending || isLeaving} busyLabel={t("deleting")} disabled={!isOnline}>
                {t("submit")}
              </Button>
            </form>
          )}
        </>
      )}
    </Card>
  );
}

function BlockerItem({ b }: { b: TBlockerView }) {
  const t = useTranslations("deleteAccount.blocker");
  const money = useMoney();
  switch (b.kind) {
    case "wallet":
      return (
        <li>
          {t("wallet", { amount: money(b.balance, b.currency) })} <Link href="/wallet">{t("walletLink")}</Link>
        </li>
      );
    case "shop":
      return (
        <li>
          {t("shop", { name: b.name, orders: b.openOrders, bookings: b.upcomingBookings })} <Link href="/shop">{t("shopLink")}</Link>
        </li>
      );
    case "soleManager":
      return (
        <li>
          {t("soleManager", { name: b.name })} <Link href={`/buildings/${b.buildingId}`}>{t("buildingLink")}</Link>
        </li>
      );
    case "ownOrders":
      return (
        <li>
          {t("ownOrders", { count: b.count })} <Link href="/orders">{t("ordersLink")}</Link>
        </li>
      );
    case "ownBookings":
      return (
        <li>
          {t("ownBookings", { count: b.count })} <Link href="/repairs">{t("repairsLink")}</Link>
        </li>
      );
    case "pendingTopUp":
      return (
        <li>
          {t("pendingTopUp", { count: b.count })} <Link href="/wallet">{t("walletLink")}</Link>
        </li>
      );
  }
}
