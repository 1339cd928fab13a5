"use client";
// A building's bills for its manager, in four views kept in the URL (`?tab=bills&view=…`, so
// reload and Back keep them): the overview (what was collected, what is owed, by which unit and
// since when, reminders), issuing one bill, importing a CSV, and the list of bills with search,
// filters and their actions.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { CsvImportCard } from "../../../_components/csv-import";
import { UrlTabs, tabHref, useUrlTab } from "../../../_components/tabs";
import { useToast } from "../../../_components/toast";
import { Button, Card, ConfirmButton, Empty, Field, FormError, LoadError, Loading, SelectField } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { downloadText } from "../../../_lib/download";
import { errorData, useErrorMessage, useValidationText } from "../../../_lib/errors";
import { newIdempotencyKey, parseMoney, useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";
import type { TBuildingDetail } from "./building-view";

const KINDS = ["water", "electricity", "gas", "heating", "rent", "service_charge", "internet"] as const;
const ARREARS_SHOWN = 8;
export const BILL_VIEWS = ["overview", "issue", "import", "list"] as const;
type TView = (typeof BILL_VIEWS)[number];

export function BillsTab({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("billing");
  const view: TView = useUrlTab(BILL_VIEWS, "overview", "view");
  return (
    <>
      <UrlTabs tabs={BILL_VIEWS} current={view} label={t("views.label")} param="view" isSegmented testId="bill-views">
        {(key) => t(`views.${key}`)}
      </UrlTabs>
      <div id={`view-${view}`} className="bill-view">
        {view === "overview" && <Summary buildingId={building.id} />}
        {view === "issue" && <IssueBill building={building} />}
        {view === "import" && <ImportBills buildingId={building.id} />}
        {view === "list" && <BillList building={building} />}
      </div>
    </>
  );
}

/** A link inside the page (another view, a filter): a plain click pushes the address like the
 * tab strips do, so the page is not fetched again and Back returns here. */
export function ViewLink({ href, className, children }: { href: string; className?: string; children: React.ReactNode }) {
  return (
    <a
      href={href}
      className={className}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        window.history.pushState(null, "", href);
        window.scrollTo({ top: 0 });
      }}
    >
      {children}
    </a>
  );
}

/** A link to the list view, filtered to one unit's bills. */
function useUnitBillsHref() {
  const pathname = usePathname();
  return (unitId: string) => `${tabHref(pathname, "bills")}&view=list&unit=${encodeURIComponent(unitId)}`;
}

function Summary({ buildingId }: { buildingId: string }) {
  const t = useTranslations("billing");
  const money = useMoney();
  const format = useFormatter();
  const unitLabel = useUnitLabel();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toMessage = useErrorMessage();
  const toast = useToast();
  const unitBills = useUnitBillsHref();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  const summary = useQuery(trpc.bills.manage.summary.queryOptions({ buildingId }));
  const [isExporting, setExporting] = useState(false);
  const [isAll, setAll] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.bills.manage.exportArrears.queryOptions({ buildingId }), staleTime: 0 });
      downloadText(file.fileName, file.csv);
    } catch (e) {
      toast.show(toMessage(e), { tone: "error" });
    } finally {
      setExporting(false);
    }
  };

  if (summary.isPending) return <Loading />;
  if (summary.isError) return <LoadError onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  return (
    <>
      <div className="stats" data-testid="billing-stats">
        <div className="stat">
          <span className="muted small">{t("collected")}</span>
          <span className="stat-value" data-testid="stat-collected">{money(s.collected, s.currency)}</span>
          <span className="hint">{t("viaWallet", { amount: money(s.collectedViaWallet, s.currency) })}</span>
        </div>
        <div className="stat">
          <span className="muted small">{t("outstanding")}</span>
          <span className="stat-value" data-testid="stat-outstanding">{money(s.outstanding, s.currency)}</span>
        </div>
        <div className="stat stat-danger">
          <span className="muted small">{t("overdue")}</span>
          <span className="stat-value" data-testid="stat-overdue">{money(s.overdue, s.currency)}</span>
        </div>
      </div>
      <Card
        title={t("arrears")}
        actions={
          <Button variant="secondary" onClick={exportCsv} isBusy={isExporting} disabled={s.arrears.length === 0}>
            {t("exportCsv")}
          </Button>
        }
      >
        {s.arrears.length === 0 ? (
          <Empty title={t("noArrears")} />
        ) : (
          <div className="table-wrap">
            <table className="table arrears-table" data-testid="arrears">
              <thead>
                <tr>
                  <th scope="col">{t("unit")}</th>
                  <th scope="col" className="num">{t("outstanding")}</th>
                  <th scope="col" className="num">{t("overdue")}</th>
                  <th scope="col" className="hide-sm">{t("lastReminder")}</th>
                </tr>
              </thead>
              <tbody>
                {(isAll ? s.arrears : s.arrears.slice(0, ARREARS_SHOWN)).map((a) => (
                  <tr key={a.unit.id} data-testid="arrears-row" data-unit={`${a.unit.staircase}-${a.unit.door}`}>
                    <td>
                      <ViewLink className="strong" href={unitBills(a.unit.id)}>
                        {unitLabel(a.unit)}
                      </ViewLink>
                      <span className="muted small block">{a.residents.length ? a.residents.join(", ") : t("noResident")}</span>
                    </td>
                    <td className="num">
                      {money(a.outstanding, s.currency)}
                      <span className="muted small block">{t("billCount", { count: a.unpaidCount })}</span>
                    </td>
                    <td className={`num arrears-late ${a.overdue > 0 ? "text-danger" : "is-zero"}`}>
                      <span className="arrears-late-amount">{money(a.overdue, s.currency)}</span>
                      {a.oldestDue && (
                        <span className={`small block ${a.overdue > 0 ? "" : "muted"}`} data-testid="arrears-since">
                          {a.overdue > 0 ? t("lateSince", { date: day(a.oldestDue) }) : t("nextDue", { date: day(a.oldestDue) })}
                        </span>
                      )}
                    </td>
                    <td className="hide-sm small">
                      {a.lastRemindedAt ? day(a.lastRemindedAt) : a.overdue > 0 ? <span className="muted">{t("notReminded")}</span> : <span className="muted">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {s.arrears.length > ARREARS_SHOWN && (
              <button type="button" className="link" onClick={() => setAll((x) => !x)} aria-expanded={isAll}>
                {isAll ? t("showFewer") : t("showAllUnits", { count: s.arrears.length })}
              </button>
            )}
          </div>
        )}
        <p className="hint reminders-hint">{t("remindersHint")}</p>
      </Card>
    </>
  );
}

const todayIso = () => new Date().toISOString().slice(0, 10);

function IssueBill({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("billing");
  const tb = useTranslations("billKind");
  const tbl = useTranslations("bills");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const money = useMoney();
  const toMessage = useErrorMessage();
  const vt = useValidationText();
  const unitLabel = useUnitLabel();
  const empty = { unitId: "", kind: "water", reference: "", periodStart: "", periodEnd: "", dueDate: "", amount: "", meterReading: "", consumption: "", consumptionUnit: "" };
  const [v, setV] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const issue = useMutation(trpc.bills.manage.issue.mutationOptions());
  const set = (k: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV((x) => ({ ...x, [k]: e.target.value }));
  const num = (s: string) => (s.trim() === "" ? null : Number(s.replace(",", ".")));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const amount = parseMoney(v.amount);
    const local: Record<string, string> = {};
    if (!v.unitId) local.unitId = vt("required")!;
    if (amount === null || amount < 1) local.amount = t("amountInvalid");
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      const bill = await issue.mutateAsync({
        unitId: v.unitId,
        kind: v.kind as (typeof KINDS)[number],
        reference: v.reference,
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        dueDate: v.dueDate,
        amount: amount!,
        meterReading: num(v.meterReading),
        consumption: num(v.consumption),
        consumptionUnit: v.consumptionUnit ? (v.consumptionUnit as "m3" | "kWh") : null,
      });
      toast.show(t("issued", { reference: bill.reference, amount: money(bill.amount, bill.currency) }));
      setV({ ...empty, kind: v.kind, unitId: v.unitId });
      await queryClient.invalidateQueries({ queryKey: trpc.bills.manage.pathKey() });
    } catch (err) {
      const fields = errorData(err)?.zodError?.fieldErrors;
      if (fields && Object.keys(fields).length) {
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, vt(m?.[0]) ?? ""])));
      } else if (errorData(err)?.appCode === "REFERENCE_TAKEN") {
        setErrors({ reference: toMessage(err) });
      } else setFormError(toMessage(err));
    }
  };

  return (
    <Card title={t("issueTitle")}>
      <form onSubmit={submit} noValidate data-testid="issue-bill">
        <SelectField label={t("unit")} value={v.unitId} onChange={set("unitId")} error={errors.unitId}>
          <option value="">—</option>
          {building.units.map((u) => (
            <option key={u.id} value={u.id}>
              {unitLabel(u)}
            </option>
          ))}
        </SelectField>
        <div className="grid-2 tight">
          <SelectField label={t("kind")} value={v.kind} onChange={set("kind")} error={errors.kind}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tb(k)}
              </option>
            ))}
          </SelectField>
          <Field label={t("reference")} value={v.reference} onChange={set("reference")} error={errors.reference} placeholder="W-2026-11-A101" />
          <Field label={t("periodStart")} type="date" value={v.periodStart} onChange={set("periodStart")} error={errors.periodStart} />
          <Field label={t("periodEnd")} type="date" value={v.periodEnd} onChange={set("periodEnd")} error={errors.periodEnd} />
          <Field label={t("dueDate")} type="date" value={v.dueDate} min={todayIso()} onChange={set("dueDate")} error={errors.dueDate} />
          <Field label={t("amount")} inputMode="decimal" value={v.amount} onChange={set("amount")} error={errors.amount} placeholder="42,50" />
          <Field label={t("meterReading")} isOptional inputMode="decimal" value={v.meterReading} onChange={set("meterReading")} error={errors.meterReading} />
          <Field label={t("consumption")} isOptional inputMode="decimal" value={v.consumption} onChange={set("consumption")} error={errors.consumption} />
        </div>
        <SelectField label={t("consumptionUnit")} value={v.consumptionUnit} onChange={set("consumptionUnit")} error={errors.consumptionUnit}>
          <option value="">—</option>
          <option value="m3">{tbl("units.m3")}</option>
          <option value="kWh">{tbl("units.kWh")}</option>
        </SelectField>
        <FormError message={formError} />
        <Button type="submit" isBusy={issue.isPending}>
          {t("issueButton")}
        </Button>
      </form>
    </Card>
  );
}

const TEMPLATE =
  "staircase,door,kind,reference,period_start,period_end,due_date,amount_cents,meter_reading,consumption,consumption_unit\n" +
  "A,101,water,W-2026-11-A101,2026-11-01,2026-11-30,2026-12-15,3150,1234.5,7.5,m3\n";

function ImportBills({ buildingId }: { buildingId: string }) {
  const t = useTranslations("billing");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useMutation(trpc.bills.manage.import.mutationOptions());
  return (
    <CsvImportCard
      id="bills-csv"
      title={t("importTitle")}
      hint={t("importHint")}
      template={{ fileName: "quartier-bills-template.csv", text: TEMPLATE }}
      run={(csv, dryRun) => run.mutateAsync({ buildingId, csv, dryRun })}
      onImported={() => queryClient.invalidateQueries({ queryKey: trpc.bills.manage.pathKey() })}
      texts={{
        ready: (count) => t("readyToImport", { count }),
        imported: (count) => t("importedToast", { count }),
        importButton: (count) => t("importButton", { count }),
        duplicates: (refs) => t("duplicates", { count: refs.length, refs: refs.slice(0, 5).join(", ") }),
      }}
    />
  );
}

function BillList({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("billing");
  const tb = useTranslations("billKind");
  const tbl = useTranslations("bills");
  const format = useFormatter();
  const money = useMoney();
  const unitLabel = useUnitLabel();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  // One unit's bills when the address says so (a link from the overview or the Units tab).
  const unitId = search.get("unit") ?? undefined;
  const unit = building.units.find((u) => u.id === unitId);
  // Search and filters start from the address and are kept in it (replaced, not pushed: a
  // reload or a shared link shows the same list; Back leaves the list, not a keystroke).
  const [status, setStatus] = useState<TStatusFilter>(() => STATUS_FILTERS.find((x) => x === search.get("status")) ?? "all");
  const [period, setPeriod] = useState(() => (/^\d{4}-\d{2}$/.test(search.get("period") ?? "") ? search.get("period")! : ""));
  const [text, setText] = useState(() => (search.get("q") ?? "").slice(0, 40));
  const q = useDebounced(text.trim(), 300);
  useEffect(() => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of [["status", status === "all" ? "" : status], ["period", period], ["q", q]] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const url = `${window.location.pathname}?${next.toString()}`;
    // Next.js keeps useSearchParams in step with the History API; no server round trip.
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, "", url);
  }, [status, period, q]);
  const months = useMemo(() => recentMonths(new Date(), 24), []);
  const list = useInfiniteQuery(
    trpc.bills.manage.list.infiniteQueryOptions(
      { buildingId: building.id, status, limit: 25, ...(q ? { q } : {}), ...(period ? { period } : {}), ...(unit ? { unitId: unit.id } : {}) },
      // The last results stay on screen while a new search or filter loads.
      { getNextPageParam: (p) => p.nextCursor, placeholderData: (previous) => previous },
    ),
  );
  const done = (msg: string) => ({
    onSuccess: () => toast.show(msg),
    onError: (e: unknown) => toast.show(toMessage(e), { tone: "error" as const }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.bills.manage.pathKey() }),
  });
  const record = useMutation(trpc.bills.manage.recordExternalPayment.mutationOptions(done(t("recorded"))));
  const refund = useMutation(trpc.bills.manage.refund.mutationOptions(done(t("refunded"))));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  const isFiltered = !!q || !!period || status !== "all" || !!unit;
  const clearUnit = () => {
    const next = new URLSearchParams(search);
    next.delete("unit");
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const clearAll = () => {
    setText("");
    setPeriod("");
    setStatus("all");
    if (unit) clearUnit();
  };

  return (
    <Card title={t("listTitle")}>
      <form className="bill-filters" role="search" aria-label={t("searchLabel")} onSubmit={(e) => e.preventDefault()}>
        <Field label={t("search")} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t("searchPlaceholder")} maxLength={40} data-testid="bill-search" />
        <SelectField label={t("filter")} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="bill-status">
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("period")} value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="bill-period">
          <option value="">{t("allPeriods")}</option>
          {months.map((m) => (
            <option key={m} value={m}>
              {format.dateTime(new Date(`${m}-01T12:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" })}
            </option>
          ))}
        </SelectField>
      </form>
      {unit && (
        <p className="row small" data-testid="bill-unit-filter">
          <span className="chip chip-static">
            {t("onlyUnit", { unit: unitLabel(unit) })}
            <button type="button" className="chip-x" aria-label={t("clearUnit")} onClick={clearUnit}>
              ×
            </button>
          </span>
        </p>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={isFiltered ? t("noMatch") : t("noBills")}>
          {isFiltered && (
            <button type="button" className="link" onClick={clearAll}>
              {t("clearFilters")}
            </button>
          )}
        </Empty>
      ) : (
        <ul className="list" data-testid="building-bills">
          {items.map((b) => (
            <li key={b.id} className="list-row bill" data-reference={b.reference}>
              <span className="grow">
                <span className="strong">{tb(b.kind)}</span> <span className="muted">· {unitLabel(b.unit)}</span>
                <span className="muted small block">
                  {b.reference} · {day(b.periodStart)} – {day(b.periodEnd)}
                </span>
                <span className="small block">
                  {b.status === "paid" ? (
                    <span className="badge badge-active">
                      {b.paymentMethod === "external" ? t("paidExternal") : tbl("paid")}
                      {b.paidAt && ` · ${day(b.paidAt)}`}
                    </span>
                  ) : b.isOverdue ? (
                    <span className="badge badge-overdue">{tbl("overdueSince", { date: day(b.dueDate) })}</span>
                  ) : (
                    <span className="badge badge-pending">{tbl("dueOn", { date: day(b.dueDate) })}</span>
                  )}
                </span>
              </span>
              <span className="bill-side">
                <span className="amount">{money(b.amount, b.currency)}</span>
                {b.status === "unpaid" && (
                  <ConfirmButton label={t("recordPayment")} question={t("recordQuestion")} onConfirm={() => record.mutate({ billId: b.id })} isBusy={record.isPending && record.variables?.billId === b.id} />
                )}
                {b.status === "paid" && b.paymentMethod === "wallet" && (
                  <ConfirmButton
                    label={t("refund")}
                    question={t("refundQuestion", { amount: money(b.amount, b.currency) })}
                    onConfirm={() => refund.mutate({ billId: b.id, idempotencyKey: newIdempotencyKey() })}
                    isBusy={refund.isPending && refund.variables?.billId === b.id}
                  />
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
          {t("loadMore")}
        </Button>
      )}
    </Card>
  );
}

const STATUS_FILTERS = ["all", "unpaid", "overdue", "paid"] as const;
type TStatusFilter = (typeof STATUS_FILTERS)[number];

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** "YYYY-MM" for next month and the `count` months before it, newest first. */
function recentMonths(now: Date, count: number) {
  return Array.from({ length: count + 1 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1 - i, 1)).toISOString().slice(0, 7));
}
