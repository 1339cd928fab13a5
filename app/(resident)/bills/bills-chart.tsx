"use client";
// Consumption and amount per bill kind over the last 12 periods (a light SVG chart:
// bar-line-chart.tsx).
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import { BarLineChart } from "./bar-line-chart";

export function BillsChart({ unitId }: { unitId: string }) {
  const t = useTranslations("bills");
  const tb = useTranslations("billKind");
  const format = useFormatter();
  const money = useMoney();
  const trpc = useTRPC();
  const history = useQuery(trpc.bills.history.queryOptions({ unitId }));
  const currency = useQuery(trpc.wallet.get.queryOptions()).data?.currency ?? "EUR";
  const [picked, setPicked] = useState<string | null>(null);

  if (history.isPending) return <Loading />;
  if (history.isError) return <LoadError onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return null;
  const series = history.data.find((s) => s.kind === picked) ?? history.data.find((s) => s.consumptionUnit) ?? history.data[0]!;
  const unit = series.consumptionUnit ? t(`units.${series.consumptionUnit}`) : null;
  const points = series.points.map((p) => ({
    label: format.dateTime(p.periodStart, { month: "short", year: "2-digit", timeZone: "UTC" }),
    bar: p.amount,
    line: unit ? p.consumption : null,
  }));
  const number = (v: number) => format.number(v, { maximumFractionDigits: 2 });

  return (
    <Card title={t("chartTitle")} className="chart-card">
      <div className="row kinds" role="group" aria-label={t("chartKind")}>
        {history.data.map((s) => (
          <button key={s.kind} type="button" className={`chip-btn ${s.kind === series.kind ? "is-active" : ""}`} aria-pressed={s.kind === series.kind} onClick={() => setPicked(s.kind)}>
            {tb(s.kind)}
          </button>
        ))}
      </div>
      {points.length === 0 ? (
        <Empty title={t("noHistory")} />
      ) : (
        <div className="chart" data-testid="bills-chart">
          <BarLineChart
            points={points}
            barName={t("chartAmount")}
            lineName={unit ? `${t("chartConsumption")} (${unit})` : undefined}
            formatBar={(cents) => money(cents, currency)}
            formatBarTick={(cents) => format.number(cents / 100, { style: "currency", currency, maximumFractionDigits: 0 })}
            formatLine={(v) => `${number(v)} ${unit ?? ""}`.trim()}
            formatLineTick={number}
            caption={t("chartLabel", { kind: tb(series.kind) })}
            periodName={t("chartPeriod")}
          />
        </div>
      )}
    </Card>
  );
}
