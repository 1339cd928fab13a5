"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Card, Empty, LoadError, Loading } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { errorData } from "../../../_lib/errors";
import { useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";

export function ReceiptView({ id }: { id: string }) {
  const t = useTranslations("receipt");
  const tk = useTranslations("txKind");
  const tb = useTranslations("billKind");
  const tc = useTranslations("common");
  const format = useFormatter();
  const money = useMoney();
  const unitLabel = useUnitLabel();
  const trpc = useTRPC();
  const receipt = useQuery(trpc.wallet.getReceipt.queryOptions({ id }, { retry: (n, e) => errorData(e)?.appCode !== "NOT_FOUND" && n < 2 }));

  if (receipt.isPending) return <Loading />;
  if (receipt.isError) {
    return errorData(receipt.error)?.appCode === "NOT_FOUND" ? (
      <Card>
        <Empty title={t("notFound")}>
          <Link href="/wallet">{t("backToWallet")}</Link>
        </Empty>
      </Card>
    ) : (
      <LoadError onRetry={() => void receipt.refetch()} />
    );
  }
  const r = receipt.data;
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <div className="page receipt-page">
      <div className="row-between no-print">
        <Link href="/wallet" className="back">
          ← {tc("back")}
        </Link>
        <Button variant="secondary" onClick={() => window.print()}>
          {t("print")}
        </Button>
      </div>
      <Card className="receipt">
        <header className="receipt-head">
          <div>
            <p className="brand-line">
              <span className="brand-mark" aria-hidden="true">Q</span> {tc("appName")}
            </p>
            <h1>{t("title")}</h1>
            <p className="muted" data-testid="receipt-number">
              {t("number", { number: r.number })}
            </p>
          </div>
          <p className={`receipt-amount amount ${r.amount > 0 ? "is-in" : "is-out"}`} data-testid="receipt-amount">
            {money(r.amount, r.currency, { signed: true })}
          </p>
        </header>
        <dl className="facts receipt-facts">
          <dt>{t("kind")}</dt>
          <dd>{tk(r.kind)}</dd>
          <dt>{t("date")}</dt>
          <dd>{format.dateTime(r.createdAt, { dateStyle: "long", timeStyle: "medium" })}</dd>
          <dt>{t("holder")}</dt>
          <dd>{r.holderName}</dd>
          {r.provider && (
            <>
              <dt>{t("provider")}</dt>
              <dd>{r.provider === "sandbox" ? t("sandboxProvider") : r.provider}</dd>
            </>
          )}
          {r.refundOf && (
            <>
              <dt>{t("refundOf")}</dt>
              <dd>
                <Link href={`/wallet/${r.refundOf.id}`}>{r.refundOf.number}</Link>
              </dd>
            </>
          )}
        </dl>
        {r.bills.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="receipt-bills">
              <caption className="sr-only">{t("bills")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("bill")}</th>
                  <th scope="col">{t("period")}</th>
                  <th scope="col" className="num">{t("amount")}</th>
                </tr>
              </thead>
              <tbody>
                {r.bills.map((b) => (
                  <tr key={b.reference}>
                    <td>
                      <span className="strong">{tb(b.kind)}</span>
                      <span className="muted small block">
                        {b.reference} · {b.buildingName}, {unitLabel(b.unit)}
                      </span>
                    </td>
                    <td>
                      {day(b.periodStart)} – {day(b.periodEnd)}
                    </td>
                    <td className="num">{money(b.amount, r.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {r.refunds.length > 0 && (
          <div className="refunds">
            <h2>{t("refunds")}</h2>
            <ul className="list">
              {r.refunds.map((x) => (
                <li key={x.id} className="list-row">
                  <Link href={`/wallet/${x.id}`}>{x.number}</Link>
                  <span className="muted">{format.dateTime(x.createdAt, { dateStyle: "medium" })}</span>
                  <span className="amount is-in">{money(x.amount, r.currency, { signed: true })}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <p className="hint receipt-foot">{t("foot")}</p>
      </Card>
    </div>
  );
}
