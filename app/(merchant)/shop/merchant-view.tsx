"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { UrlTabs, useUrlTab } from "../../_components/tabs";
import { Card, LoadError, Loading } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";
import { BoardTab } from "./board-tab";

// The order board is the default tab; the others (forms, the QR library, the repairer's
// agenda) load with their tab, so the board does not carry them (bench/pages.ts).
const CatalogueTab = dynamic(() => import("./catalogue-tab").then((m) => m.CatalogueTab), { loading: () => <Loading /> });
const PromotionsTab = dynamic(() => import("./promotions-tab").then((m) => m.PromotionsTab), { loading: () => <Loading /> });
const QrTab = dynamic(() => import("./qr-tab").then((m) => m.QrTab), { loading: () => <Loading /> });
const RepairerView = dynamic(() => import("./repairs/repairer-view").then((m) => m.RepairerView), { loading: () => <Loading /> });
const ShopForm = dynamic(() => import("./shop-form").then((m) => m.ShopForm), { loading: () => <Loading /> });

const TABS = ["orders", "catalogue", "qr", "promotions", "details"] as const;
type TTab = (typeof TABS)[number];
export type TMyShop = RouterOutputs["shops"]["manage"]["list"][number];

export function MerchantView() {
  const t = useTranslations("merchant");
  const tp = useTranslations("promotions.manage");
  const trpc = useTRPC();
  const shops = useQuery(trpc.shops.manage.list.queryOptions());
  const tab: TTab = useUrlTab(TABS, "orders");
  const board = useQuery({
    ...trpc.orders.manage.list.queryOptions({ shopId: shops.data?.[0]?.id ?? "" }),
    enabled: !!shops.data?.[0] && shops.data[0].status === "approved" && shops.data[0].kind === "shop",
  });

  if (shops.isPending) return <Loading />;
  if (shops.isError) return <LoadError onRetry={() => void shops.refetch()} />;
  const shop = shops.data[0];
  if (!shop) {
    return (
      <div className="page">
        <header className="page-head">
          <h1>{t("createTitle")}</h1>
          <p className="muted">{t("createLead")}</p>
        </header>
        <ShopForm shop={null} />
      </div>
    );
  }
  // A repair service has no catalogue, QR payments or order board: its own tabs.
  if (shop.kind === "repairer") return <RepairerView shop={shop} />;
  const waiting = board.data?.filter((o) => o.status === "placed").length ?? 0;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{shop.name}</h1>
        {shop.status !== "approved" && (
          <p className={`notice ${shop.status === "pending" ? "" : "notice-danger"}`} role="status" data-testid="shop-status">
            {t(`status.${shop.status}`)}
            {shop.suspensionReason && (
              <span className="block small wrap-anywhere" data-testid="shop-suspension-reason">
                {t("suspendedBecause", { reason: shop.suspensionReason })}
              </span>
            )}
          </p>
        )}
      </header>
      <UrlTabs tabs={TABS} current={tab} label={shop.name}>
        {(key) => (
          <>
            {key === "promotions" ? tp("tab") : t(`tabs.${key}`)}
            {key === "orders" && waiting > 0 && (
              <span className="count" data-testid="new-orders-count">
                {waiting}
              </span>
            )}
          </>
        )}
      </UrlTabs>
      <div id={`panel-${tab}`}>
        {tab === "orders" &&
          (shop.status === "approved" ? (
            <BoardTab shop={shop} />
          ) : (
            <Card>
              <p className="muted">{t("boardAfterApproval")}</p>
            </Card>
          ))}
        {tab === "catalogue" && <CatalogueTab shop={shop} />}
        {tab === "qr" && <QrTab shop={shop} />}
        {tab === "promotions" && <PromotionsTab shop={shop} />}
        {tab === "details" && <ShopForm shop={shop} />}
      </div>
    </div>
  );
}
