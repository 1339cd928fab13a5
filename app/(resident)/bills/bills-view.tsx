"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useToast } from "../../_components/toast";
import { UrlTabs, useUrlTab } from "../../_components/tabs";
import { Button, Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useUnitLabel } from "../../_components/unit-label";
import { errorData, useErrorMessage } from "../../_lib/errors";
import { newIdempotencyKey, useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";
import { BillsChart } from "./bills-chart";

type TBill = RouterOutputs["bills"]["list"][number];
const TABS = ["due", "paid"] as const;

export function BillsView() {
  const t = useTranslations("bills");
  const trpc = useTRPC();
  const unitLabel = useUnitLabel();
  const units = useQuery(trpc.bills.listUnits.queryOptions());
  const tab = useUrlTab(TABS, "due");
  const [unitId, setUnitId] = useState<string>("");
  const chartUnit = unitId || units.data?.[0]?.id || "";

  if (units.isPending) return <Loading />;
  if (units.isError) return <LoadError onRetry={() => void units.refetch()} />;
  if (units.data.length === 0) {
    return (
      <div className="page">
        <h1>{t("title")}</h1>
        <Card>
          <Empty title={t("noUnit")}>
            <Link href="/home">{t("noUnitHint")}</Link>
          </Empty>
        </Card>
      </div>
    );
  }

  return (
    <div className="page">
      <header className="page-head row-between">
        <h1>{t("title")}</h1>
        {units.data.length > 1 && (
          <label className="inline-select">
            <span className="sr-only">{t("unit")}</span>
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t("allUnits")}</option>
              {units.data.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.buildingName} · {unitLabel(u)}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <UrlTabs tabs={TABS} current={tab} label={t("title")}>
        {(key) => t(`tabs.${key}`)}
      </UrlTabs>
      <div id={`panel-${tab}`}>
        {tab === "due" ? <DueBills unitId={unitId || undefined} /> : <PaidBills unitId={unitId || undefined} />}
        {chartUnit && <BillsChart unitId={chartUnit} />}
      </div>
    </div>
  );
}

function BillRow({ bill, children }: { bill: TBill; children?: React.ReactNode }) {
  const t = useTranslations("bills");
  const tb = useTranslations("billKind");
  const format = useFormatter();
  const money = useMoney();
  const unitLabel = useUnitLabel();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  const month = format.dateTime(bill.periodStart, { month: "long", year: "numeric", timeZone: "UTC" });
  return (
    <>
      {children}
      <span className="grow">
        <span className="strong">{tb(bill.kind)}</span> <span className="muted">· {month}</span>
        <span className="muted small block">
          {bill.reference} · {unitLabel(bill.unit)}
          {bill.consumption !== null && bill.consumptionUnit && <> · {t("consumption", { value: format.number(bill.consumption, { maximumFractionDigits: 2 }), unit: t(`units.${bill.consumptionUnit}`) })}</>}
        </span>
        <span className="small block">
          {bill.status === "paid" ? (
            <span className="badge badge-active">{bill.paidAt ? t("paidOn", { date: day(bill.paidAt) }) : t("paid")}</span>
          ) : bill.isOverdue ? (
            <span className="badge badge-overdue">{t("overdueSince", { date: day(bill.dueDate) })}</span>
          ) : (
            <span className="badge badge-pending">{t("dueOn", { date: day(bill.dueDate) })}</span>
          )}
        </span>
      </span>
      <span className="amount">{money(bill.amount, bill.currency)}</span>
    </>
  );
}

function DueBills({ unitId }: { unitId?: string }) {
  const t = useTranslations("bills");
  const trpc = useTRPC();
  const money = useMoney();
  const bills = useQuery(trpc.bills.list.queryOptions({ status: "due", unitId }));
  const wallet = useQuery(trpc.wallet.get.queryOptions());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [isConfirming, setConfirming] = useState(false);

  // Drop selections that are no longer due (paid elsewhere, live).
  const list = useMemo(() => bills.data ?? [], [bills.data]);
  useEffect(() => {
    setSelected((s) => {
      const ids = new Set(list.map((b) => b.id));
      const kept = [...s].filter((id) => ids.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [list]);

  // From the home's "Pay" (/bills?pay=all-due): every due bill selected once, up to what one payment takes.
  const isPayAll = useSearchParams().get("pay") === "all-due";
  const [isPrefilled, setPrefilled] = useState(false);
  useEffect(() => {
    if (!isPayAll || isPrefilled || !bills.data?.length) return;
    setSelected(new Set(bills.data.slice(0, 50).map((b) => b.id)));
    setPrefilled(true);
  }, [isPayAll, isPrefilled, bills.data]);

  const chosen = useMemo(() => list.filter((b) => selected.has(b.id)), [list, selected]);
  const total = chosen.reduce((s, b) => s + b.amount, 0);
  const currency = list[0]?.currency ?? wallet.data?.currency ?? "EUR";
  const overdue = list.filter((b) => b.isOverdue);

  if (bills.isPending) return <Loading />;
  if (bills.isError) return <LoadError onRetry={() => void bills.refetch()} />;
  if (list.length === 0)
    return (
      <Card>
        <Empty title={t("allPaid")}>{t("allPaidHint")}</Empty>
      </Card>
    );

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <Card
        title={t("toPay", { count: list.length })}
        actions={
          <Button variant="ghost" onClick={() => setSelected(selected.size === list.length ? new Set() : new Set(list.map((b) => b.id)))}>
            {selected.size === list.length ? t("selectNone") : t("selectAll")}
          </Button>
        }
      >
        {overdue.length > 0 && (
          <p className="notice notice-danger" role="status">
            {t("overdueNotice", { count: overdue.length, amount: money(overdue.reduce((s, b) => s + b.amount, 0), currency) })}
          </p>
        )}
        <ul className="list" data-testid="due-bills">
          {list.map((b) => (
            <li key={b.id} className={`list-row bill ${b.isOverdue ? "is-overdue" : ""}`} data-testid="bill-row" data-reference={b.reference}>
              <label className="bill-pick">
                <BillRow bill={b}>
                  <input type="checkbox" checked={selected.has(b.id)} onChange={() => toggle(b.id)} aria-label={t("select", { reference: b.reference })} />
                </BillRow>
              </label>
            </li>
          ))}
        </ul>
      </Card>
      {chosen.length > 0 && !isConfirming && (
        <div className="pay-bar" data-testid="pay-bar">
          <span>
            {t("selected", { count: chosen.length })} · <span className="strong">{money(total, currency)}</span>
          </span>
          <Button onClick={() => setConfirming(true)}>{t("payButton", { count: chosen.length })}</Button>
        </div>
      )}
      {isConfirming && chosen.length > 0 && (
        <PayConfirm bills={chosen} total={total} currency={currency} balance={wallet.data?.balance ?? null} onClose={(isPaid) => { setConfirming(false); if (isPaid) setSelected(new Set()); }} />
      )}
    </>
  );
}

function PayConfirm({ bills, total, currency, balance, onClose }: { bills: TBill[]; total: number; currency: string; balance: number | null; onClose: (isPaid: boolean) => void }) {
  const t = useTranslations("bills");
  const tc = useTranslations("common");
  const tb = useTranslations("billKind");
  const trpc = useTRPC();
  const money = useMoney();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const router = useRouter();
  // One key per confirmation: a double click or a retry after a network error pays once.
  const [key] = useState(newIdempotencyKey);
  const [error, setError] = useState<{ message: string; isFunds: boolean } | null>(null);
  const pay = useMutation(trpc.bills.pay.mutationOptions());
  const isShort = balance !== null && balance < total;

  const confirm = async () => {
    setError(null);
    try {
      const result = await pay.mutateAsync({ billIds: bills.map((b) => b.id), idempotencyKey: key });
      toast.show(t("paidToast", { count: result.billIds.length, amount: money(result.amount, currency) }), {
        action: { label: t("seeReceipt"), run: () => router.push(`/wallet/${result.transactionId}`) },
      });
      await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.bills.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() })]);
      onClose(true);
    } catch (err) {
      setError({ message: toMessage(err), isFunds: errorData(err)?.appCode === "INSUFFICIENT_FUNDS" });
    }
  };

  return (
    <div className="sheet" role="dialog" aria-modal="false" aria-labelledby="pay-title" data-testid="pay-confirm">
      <h2 id="pay-title">{t("confirmTitle", { count: bills.length })}</h2>
      <ul className="list compact">
        {bills.map((b) => (
          <li key={b.id} className="list-row">
            <span className="grow">
              {tb(b.kind)} <span className="muted small">{b.reference}</span>
            </span>
            <span>{money(b.amount, b.currency)}</span>
          </li>
        ))}
      </ul>
      <p className="row-between total">
        <span>{t("total")}</span>
        <span className="strong">{money(total, currency)}</span>
      </p>
      {balance !== null && (
        <p className={`hint ${isShort ? "text-danger" : ""}`}>
          {t("fromWallet", { balance: money(balance, currency) })}
          {isShort && <> · {t("short", { missing: money(total - balance, currency) })}</>}
        </p>
      )}
      {error && (
        <div className="form-error" role="alert">
          {error.message} {error.isFunds && <Link href="/wallet">{t("topUpLink")}</Link>}
        </div>
      )}
      <div className="row">
        <Button onClick={confirm} isBusy={pay.isPending} busyLabel={t("paying")} data-testid="pay-confirm-button">
          {t("confirmButton", { amount: money(total, currency) })}
        </Button>
        <Button variant="secondary" onClick={() => onClose(false)} disabled={pay.isPending}>
          {tc("cancel")}
        </Button>
        {isShort && (
          <Link href="/wallet" className="btn btn-ghost">
            {t("topUpLink")}
          </Link>
        )}
      </div>
    </div>
  );
}

function PaidBills({ unitId }: { unitId?: string }) {
  const t = useTranslations("bills");
  const trpc = useTRPC();
  const bills = useQuery(trpc.bills.list.queryOptions({ status: "paid", unitId }));
  if (bills.isPending) return <Loading />;
  if (bills.isError) return <LoadError onRetry={() => void bills.refetch()} />;
  if (bills.data.length === 0)
    return (
      <Card>
        <Empty title={t("noPaid")} />
      </Card>
    );
  return (
    <Card title={t("paidTitle")}>
      <ul className="list" data-testid="paid-bills">
        {bills.data.map((b) => (
          <li key={b.id} className="list-row bill">
            <BillRow bill={b} />
            {b.receiptId && (
              <Link href={`/wallet/${b.receiptId}`} className="small receipt-link">
                {t("receipt")}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
