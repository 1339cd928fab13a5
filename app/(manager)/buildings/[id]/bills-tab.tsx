"use client";
// A building's bills for its manager: what was collected, what is owed and by which unit,
// issuing one bill, importing a CSV, and the list of bills with their actions.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useToast } from "../../../_components/toast";
import { Button, Card, ConfirmButton, Empty, Field, FormError, LoadError, Loading, SelectField } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { downloadText } from "../../../_lib/download";
import { errorData, useErrorMessage, useValidationText } from "../../../_lib/errors";
import { newIdempotencyKey, parseMoney, useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";
import type { RouterOutputs } from "../../../_lib/types";
import type { TBuildingDetail } from "./building-view";

const KINDS = ["water", "electricity", "gas", "heating", "rent", "service_charge", "internet"] as const;
type TImportResult = RouterOutputs["billing"]["import"];
const ARREARS_SHOWN = 8;

export function BillsTab({ building }: { building: TBuildingDetail }) {
  return (
    <>
      <Summary buildingId={building.id} />
      <div className="grid-2">
        <IssueBill building={building} />
        <ImportBills buildingId={building.id} />
      </div>
      <BillList building={building} />
    </>
  );
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
  const summary = useQuery(trpc.billing.summary.queryOptions({ buildingId }));
  const [isExporting, setExporting] = useState(false);
  const [isAll, setAll] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.billing.exportArrears.queryOptions({ buildingId }), staleTime: 0 });
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
            <table className="table" data-testid="arrears">
              <thead>
                <tr>
                  <th scope="col">{t("unit")}</th>
                  <th scope="col" className="num">{t("outstanding")}</th>
                  <th scope="col" className="num">{t("overdue")}</th>
                  <th scope="col" className="hide-sm">{t("oldestDue")}</th>
                </tr>
              </thead>
              <tbody>
                {(isAll ? s.arrears : s.arrears.slice(0, ARREARS_SHOWN)).map((a) => (
                  <tr key={a.unit.id} data-testid="arrears-row" data-unit={`${a.unit.staircase}-${a.unit.door}`}>
                    <td>
                      <span className="strong">{unitLabel(a.unit)}</span>
                      <span className="muted small block">{a.residents.length ? a.residents.join(", ") : t("noResident")}</span>
                    </td>
                    <td className="num">
                      {money(a.outstanding, s.currency)}
                      <span className="muted small block">{t("billCount", { count: a.unpaidCount })}</span>
                    </td>
                    <td className={`num ${a.overdue > 0 ? "text-danger" : ""}`}>
                      {money(a.overdue, s.currency)}
                      {a.overdueCount > 0 && <span className="small block">{t("billCount", { count: a.overdueCount })}</span>}
                    </td>
                    <td className="hide-sm">{a.oldestDue ? format.dateTime(a.oldestDue, { dateStyle: "medium", timeZone: "UTC" }) : "—"}</td>
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
  const issue = useMutation(trpc.billing.issue.mutationOptions());
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
      await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
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
  const tr = useTranslations("csv");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [result, setResult] = useState<{ data: TImportResult; isDryRun: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useMutation(trpc.billing.import.mutationOptions());

  const reason = (r: string) => (tr.has(`reasons.${r}`) ? tr(`reasons.${r}`) : r);

  const pick = async (e: React.ChangeEvent<HTMLInputElement>) => {
    setResult(null);
    setError(null);
    const f = e.target.files?.[0];
    if (!f) return setFile(null);
    if (f.size > 1_000_000) {
      setFile(null);
      return setError(t("fileTooLarge"));
    }
    const text = await f.text();
    setFile({ name: f.name, text });
    await go(text, true);
  };

  const go = async (text: string, dryRun: boolean) => {
    setError(null);
    try {
      const data = await run.mutateAsync({ buildingId, csv: text, dryRun });
      setResult({ data, isDryRun: dryRun });
      if (!dryRun && data.isImported) {
        toast.show(t("importedToast", { count: data.imported }));
        await queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() });
        setFile(null);
        if (fileRef.current) fileRef.current.value = "";
      }
    } catch (err) {
      setError(toMessage(err));
    }
  };

  const r = result?.data;
  return (
    <Card title={t("importTitle")} actions={<button type="button" className="link small" onClick={() => downloadText("quartier-bills-template.csv", TEMPLATE)}>{t("template")}</button>}>
      <p className="hint">{t("importHint")}</p>
      <div className="field">
        <label htmlFor="bills-csv">{t("file")}</label>
        <input ref={fileRef} id="bills-csv" type="file" accept=".csv,text/csv" onChange={pick} data-testid="bills-csv" />
      </div>
      {run.isPending && <Loading />}
      <FormError message={error} />
      {r && (
        <div className="import-result" data-testid="import-result" role="status">
          {r.errors.length > 0 ? (
            <>
              <p className="form-error">{t("importRejected", { count: r.errors.length })}</p>
              <div className="table-wrap">
                <table className="table small" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t("line")}</th>
                      <th scope="col">{t("column")}</th>
                      <th scope="col">{t("problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.errors.map((e, i) => (
                      <tr key={i}>
                        <td>{e.line}</td>
                        <td>
                          <code>{e.column || "—"}</code>
                        </td>
                        <td>{reason(e.reason)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : result.isDryRun ? (
            <p className="notice">{r.imported > 0 ? t("readyToImport", { count: r.imported }) : t("nothingNew")}</p>
          ) : (
            <p className="notice notice-ok">{r.isImported ? t("importedToast", { count: r.imported }) : t("nothingNew")}</p>
          )}
          {r.duplicates.length > 0 && (
            <p className="hint" data-testid="import-duplicates">
              {t("duplicates", { count: r.duplicates.length, refs: r.duplicates.slice(0, 5).map((d) => d.reference).join(", ") })}
            </p>
          )}
          {result.isDryRun && r.errors.length === 0 && r.imported > 0 && file && (
            <Button onClick={() => void go(file.text, false)} isBusy={run.isPending} data-testid="import-confirm">
              {t("importButton", { count: r.imported })}
            </Button>
          )}
        </div>
      )}
    </Card>
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
  const [status, setStatus] = useState<"all" | "unpaid" | "overdue" | "paid">("all");
  const list = useInfiniteQuery(trpc.billing.list.infiniteQueryOptions({ buildingId: building.id, status, limit: 25 }, { getNextPageParam: (p) => p.nextCursor }));
  const done = (msg: string) => ({
    onSuccess: () => toast.show(msg),
    onError: (e: unknown) => toast.show(toMessage(e), { tone: "error" as const }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() }),
  });
  const record = useMutation(trpc.billing.recordExternalPayment.mutationOptions(done(t("recorded"))));
  const refund = useMutation(trpc.billing.refund.mutationOptions(done(t("refunded"))));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });

  return (
    <Card
      title={t("listTitle")}
      actions={
        <label className="inline-select">
          <span className="sr-only">{t("filter")}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {(["all", "unpaid", "overdue", "paid"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={t("noBills")} />
      ) : (
        <ul className="list" data-testid="building-bills">
          {items.map((b) => (
            <li key={b.id} className="list-row bill">
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
