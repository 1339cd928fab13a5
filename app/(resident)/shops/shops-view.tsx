"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import { MyOptIns } from "./promo-opt-in";

export function ShopsView() {
  const t = useTranslations("shops");
  const tc = useTranslations("shopCategory");
  const format = useFormatter();
  const money = useMoney();
  const trpc = useTRPC();
  const shops = useQuery(trpc.shops.list.queryOptions());

  return (
    <div className="page">
      <header className="page-head row-between">
        <div>
          <h1>{t("title")}</h1>
          <p className="muted">{t("lead")}</p>
        </div>
        <Link href="/orders" className="btn btn-secondary">
          {t("myOrders")}
        </Link>
      </header>
      {shops.isPending ? (
        <Loading />
      ) : shops.isError ? (
        <LoadError onRetry={() => void shops.refetch()} />
      ) : shops.data.length === 0 ? (
        <Card>
          <Empty title={t("none")}>{t("noneHint")}</Empty>
        </Card>
      ) : (
        <ul className="shop-grid" data-testid="shop-list">
          {shops.data.map((s) => (
            <li key={s.id}>
              <Link href={`/shops/${s.id}`} className="shop-card">
                {s.photoUrl ? <img src={s.photoUrl} alt="" className="shop-photo" loading="lazy" /> : <div className="shop-photo placeholder" aria-hidden="true">{s.name[0]}</div>}
                <span className="shop-body">
                  <span className="strong">{s.name}</span>
                  <span className="muted small block">{tc(s.category)}</span>
                  <span className="small block">
                    {s.isOpen ? (
                      <span className="badge badge-active">{t("openNow")}</span>
                    ) : (
                      <span className="badge">
                        {s.nextOpening ? t("opensAt", { when: format.dateTime(s.nextOpening, { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: s.timeZone }) }) : t("closed")}
                      </span>
                    )}
                    {s.minOrder > 0 && <span className="muted"> · {t("minOrder", { amount: money(s.minOrder) })}</span>}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {shops.data && <MyOptIns hasShops={shops.data.length > 0} />}
    </div>
  );
}
