"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { UrlTabs, useUrlParam, useUrlTab } from "../../_components/tabs";
import { Card, LoadError, Loading } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";
import { BoardTab } from "./board-tab";
import { pickShop } from "./pick-shop";

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
  const router = useRouter();
  const shops = useQuery(trpc.shops.manage.list.queryOptions());
  const tab: TTab = useUrlTab(TABS, "orders");
  const isNew = useUrlParam("new") === "1";
  const picked = pickShop(shops.data, useUrlParam("shop"));
  const board = useQuery({
    ...trpc.orders.manage.list.queryOptions({ shopId: picked?.id ?? "" }),
    enabled: !!picked && picked.status === "approved" && picked.kind === "shop",
  });

  if (shops.isPending) return <Loading />;
  if (shops.isError) return <LoadError onRetry={() => void shops.refetch()} />;
  const shop = picked;
  if (!shop || isNew) {
    return (
      <div className="page">
        <header className="page-head">
          {shop && (
            <Link href={`/shop?shop=${shop.id}`} className="back-link">
              ← {shop.name}
            </Link>
          )}
          <h1>{t(shop ? "createAnotherTitle" : "createTitle")}</h1>
          <p className="muted">{t("createLead")}</p>
        </header>
        <ShopForm shop={null} onCreated={(id) => router.push(`/shop?shop=${id}`)} />
      </div>
    );
  }
  // A repair service has no catalogue, QR payments or order board: its own tabs.
  if (shop.kind === "repairer") return <RepairerView shop={shop} switcher={<ShopSwitcher shops={shops.data} current={shop} />} />;
  const waiting = board.data?.filter((o) => o.status === "placed").length ?? 0;
  return (
    <div className="page">
      <header className="page-head">
        <ShopSwitcher shops={shops.data} current={shop} />
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

/**
 * Which of their businesses a merchant is looking at (when they have several), and the way
 * to open another one. Choosing one loads its page (`?shop=<id>`, kept by the tab links).
 */
export function ShopSwitcher({ shops, current }: { shops: readonly TMyShop[]; current: TMyShop }) {
  const t = useTranslations("merchant");
  const router = useRouter();
  return (
    <div className="shop-switcher">
      {shops.length > 1 ? (
        <label className="inline-select small">
          <span className="sr-only">{t("switchShop")}</span>
          <select value={current.id} onChange={(e) => router.push(`/shop?shop=${e.target.value}`)} data-testid="shop-switcher">
            {shops.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span />
      )}
      <Link href={`/shop?shop=${current.id}&new=1`} className="small" data-testid="open-another-shop">
        {t("openAnother")}
      </Link>
    </div>
  );
}
