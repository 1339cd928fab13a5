"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Modal } from "../../_components/modal";
import { WalletPaymentNotes, useWalletPayment } from "../../_components/wallet-payment";
import { UrlTabs, useUrlTab } from "../../_components/tabs";
import { Button, Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useUnitLabel } from "../../_components/unit-label";
import { useMoney } from "../../_lib/money";
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
  // The bills being confirmed, as they were when the dialog opened: a live refetch (the
  // payment's own event) must not change or close it under the person's eyes.
  const [confirming, setConfirming] = useState<{ bills: TBill[]; total: number } | null>(null);
  // The last payment, shown above the list; focus lands there when the confirmation closes.
  const [lastPaid, setLastPaid] = useState<TPaid | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const isJustPaid = useRef(false);

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
  const result = lastPaid && (
    <p className="notice notice-ok pay-result" role="status" tabIndex={-1} ref={resultRef} data-testid="pay-result">
      {lastPaid.toppedUp > 0
        ? t("paidResultToppedUp", { count: lastPaid.count, amount: money(lastPaid.amount, currency), topUp: money(lastPaid.toppedUp, currency) })
        : t("paidToast", { count: lastPaid.count, amount: money(lastPaid.amount, currency) })}{" "}
      <Link href={`/wallet/${lastPaid.transactionId}`}>{t("seeReceipt")}</Link>
    </p>
  );
  if (list.length === 0)
    return (
      <>
        {result}
        <Card>
          <Empty title={t("allPaid")}>{t("allPaidHint")}</Empty>
        </Card>
      </>
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
      {result}
      <Card
        title={t("toPay", { count: list.length })}
        actions={
          <Button variant="ghost" data-testid="select-all" onClick={() => setSelected(selected.size === list.length ? new Set() : new Set(list.map((b) => b.id)))}>
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
                  <input type="checkbox" data-testid="bill-check" checked={selected.has(b.id)} onChange={() => toggle(b.id)} aria-label={t("select", { reference: b.reference })} />
                </BillRow>
              </label>
            </li>
          ))}
        </ul>
      </Card>
      {chosen.length > 0 && (
        // Stays while the dialog is open (behind it, inert), so that focus can come back to its button.
        <div className="pay-bar" data-testid="pay-bar">
          <span>
            {t("selected", { count: chosen.length })} · <span className="strong">{money(total, currency)}</span>
          </span>
          <Button onClick={() => setConfirming({ bills: chosen, total })} data-testid="pay-open">
            {t("payButton", { count: chosen.length })}
          </Button>
        </div>
      )}
      <PayConfirm
        isOpen={confirming !== null}
        bills={confirming?.bills ?? []}
        total={confirming?.total ?? 0}
        currency={currency}
        balance={wallet.data?.balance ?? null}
        canTopUp={!!wallet.data?.provider}
        returnFocus={() => (isJustPaid.current ? resultRef.current : null)}
        onClose={(paid) => {
          isJustPaid.current = !!paid;
          setConfirming(null);
          if (paid) {
            setLastPaid(paid);
            setSelected(new Set());
          }
        }}
      />
    </>
  );
}

type TPaid = { count: number; amount: number; toppedUp: number; transactionId: string };

/**
 * The confirmation, a modal dialog. When the wallet does not cover the total it says so
 * before anything is tapped and offers to top up exactly what is missing and pay, in one
 * request (bills.topUpAndPay). Offline, it says the payment cannot be made now.
 */
function PayConfirm({
  isOpen,
  bills,
  total,
  currency,
  balance,
  canTopUp,
  returnFocus,
  onClose,
}: {
  isOpen: boolean;
  bills: TBill[];
  total: number;
  currency: string;
  balance: number | null;
  canTopUp: boolean;
  returnFocus: () => HTMLElement | null;
  onClose: (paid: TPaid | null) => void;
}) {
  const t = useTranslations("bills");
  const tc = useTranslations("common");
  const tb = useTranslations("billKind");
  const trpc = useTRPC();
  const money = useMoney();
  const queryClient = useQueryClient();
  const primaryRef = useRef<HTMLButtonElement>(null);
  const pay = useMutation(trpc.bills.pay.mutationOptions());
  const topUpAndPay = useMutation(trpc.bills.topUpAndPay.mutationOptions());
  const isBusy = pay.isPending || topUpAndPay.isPending;
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.bills.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() })]);
  // One key per confirmation (opened again, other bills: a new one).
  const billIds = bills.map((b) => b.id);
  const payment = useWalletPayment({ total, balance, currency, resetOn: isOpen ? billIds.join(",") : null, onMoved: refresh });
  const { isShort, missing, isOnline } = payment;

  const done = async (result: { billIds: string[]; amount: number; transactionId: string; toppedUp: number }) => {
    // Said (and focused) on the page, with the receipt link, rather than in a toast.
    onClose({ count: result.billIds.length, amount: result.amount, toppedUp: result.toppedUp, transactionId: result.transactionId });
    await refresh();
  };

  const confirm = async () => {
    const result = await payment.attempt((idempotencyKey) => pay.mutateAsync({ billIds, idempotencyKey }));
    if (result) await done({ ...result, toppedUp: 0 });
  };

  const confirmWithTopUp = async () => {
    const result = await payment.attempt((idempotencyKey) => topUpAndPay.mutateAsync({ billIds, idempotencyKey, topUpAmount: missing }));
    if (result) await done(result);
  };

  return (
    <Modal
      isOpen={isOpen}
      onClose={() => onClose(null)}
      isLocked={isBusy}
      title={t("confirmTitle", { count: bills.length })}
      initialFocus={primaryRef}
      returnFocus={returnFocus}
      className="pay-modal"
      data-testid="pay-confirm"
    >
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
      <WalletPaymentNotes
        payment={payment}
        balance={balance}
        currency={currency}
        fromWallet={(b) => t("fromWallet", { balance: b })}
        canTopUp={canTopUp}
        noTopUp={t("noTopUp")}
        offline={tc("offlinePayment")}
      />
      <div className="modal-actions">
        {isShort && canTopUp ? (
          <Button ref={primaryRef} onClick={confirmWithTopUp} isBusy={topUpAndPay.isPending} busyLabel={t("paying")} disabled={!isOnline} data-testid="top-up-and-pay">
            {t("topUpAndPay", { missing: money(missing, currency) })}
          </Button>
        ) : (
          <Button ref={primaryRef} onClick={confirm} isBusy={pay.isPending} busyLabel={t("paying")} disabled={!isOnline || isShort} data-testid="pay-confirm-button">
            {t("confirmButton", { amount: money(total, currency) })}
          </Button>
        )}
        <Button variant="secondary" onClick={() => onClose(null)} disabled={isBusy}>
          {tc("cancel")}
        </Button>
      </div>
    </Modal>
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
