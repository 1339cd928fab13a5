"use client";
// Consumption and amount per bill kind over the last 12 periods (recharts).
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";

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
  const data = series.points.map((p) => ({
    label: format.dateTime(p.periodStart, { month: "short", year: "2-digit", timeZone: "UTC" }),
    amount: p.amount / 100,
    consumption: p.consumption,
  }));

  return (
    <Card title={t("chartTitle")} className="chart-card">
      <div className="row kinds" role="group" aria-label={t("chartKind")}>
        {history.data.map((s) => (
          <button key={s.kind} type="button" className={`chip-btn ${s.kind === series.kind ? "is-active" : ""}`} aria-pressed={s.kind === series.kind} onClick={() => setPicked(s.kind)}>
            {tb(s.kind)}
          </button>
        ))}
      </div>
      {data.length === 0 ? (
        <Empty title={t("noHistory")} />
      ) : (
        <div className="chart" data-testid="bills-chart" role="img" aria-label={t("chartLabel", { kind: tb(series.kind) })}>
          <ResponsiveContainer width="100%" height={260}>
            <ComposedChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: -8 }}>
              <CartesianGrid stroke="#e6ebe8" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
              <YAxis yAxisId="amount" tick={{ fontSize: 12 }} width={56} tickFormatter={(v: number) => format.number(v, { style: "currency", currency, maximumFractionDigits: 0 })} />
              {unit && <YAxis yAxisId="consumption" orientation="right" tick={{ fontSize: 12 }} width={40} />}
              <Tooltip
                formatter={(value, name) =>
                  name === "amount" ? [money(Math.round(Number(value) * 100), currency), t("chartAmount")] : [`${format.number(Number(value), { maximumFractionDigits: 2 })} ${unit ?? ""}`, t("chartConsumption")]
                }
              />
              <Legend formatter={(name) => (name === "amount" ? t("chartAmount") : `${t("chartConsumption")} (${unit})`)} />
              <Bar yAxisId="amount" dataKey="amount" fill="#0f766e" radius={[4, 4, 0, 0]} maxBarSize={28} />
              {unit && <Line yAxisId="consumption" dataKey="consumption" stroke="#c2410c" strokeWidth={2} dot={{ r: 3 }} connectNulls />}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}
