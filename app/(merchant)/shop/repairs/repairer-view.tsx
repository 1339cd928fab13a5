"use client";
// The merchant's page when their business is a repair service: requests to answer first,
// the agenda, the booking settings and the shop details.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { UrlTabs, useUrlTab } from "../../../_components/tabs";
import { useTRPC } from "../../../_lib/trpc";
import type { TMyShop } from "../merchant-view";
import { ShopForm } from "../shop-form";
import { AgendaTab } from "./agenda-tab";
import { dayIn } from "./agenda-dates";
import { RequestsTab } from "./requests-tab";
import { SettingsTab } from "./settings-tab";

const TABS = ["requests", "agenda", "settings", "details"] as const;
type TTab = (typeof TABS)[number];

export function RepairerView({ shop, switcher }: { shop: TMyShop; switcher?: React.ReactNode }) {
  const t = useTranslations("repairsManage");
  const tm = useTranslations("merchant");
  const trpc = useTRPC();
  const tab: TTab = useUrlTab(TABS, "requests");
  // The same query as the requests tab (one fetch): its badge counts what waits for an answer.
  const today = dayIn(new Date(), shop.timeZone);
  const pending = useQuery({ ...trpc.repairs.manage.agenda.queryOptions({ shopId: shop.id, from: today, days: 1 }), enabled: shop.status === "approved" });
  const waiting = pending.data?.toAnswer.length ?? 0;
  return (
    <div className="page">
      <header className="page-head">
        {switcher}
        <h1>{shop.name}</h1>
        {shop.status !== "approved" && (
          <p className={`notice ${shop.status === "pending" ? "" : "notice-danger"}`} role="status" data-testid="shop-status">
            {tm(`status.${shop.status}`)}
            {shop.suspensionReason && (
              <span className="block small wrap-anywhere" data-testid="shop-suspension-reason">
                {tm("suspendedBecause", { reason: shop.suspensionReason })}
              </span>
            )}
          </p>
        )}
      </header>
      <UrlTabs tabs={TABS} current={tab} label={shop.name}>
        {(key) => (
          <>
            {t(`tabs.${key}`)}
            {key === "requests" && waiting > 0 && (
              <span className="count" data-testid="requests-count">
                {waiting}
              </span>
            )}
          </>
        )}
      </UrlTabs>
      <div id={`panel-${tab}`}>
        {tab === "requests" && <RequestsTab shop={shop} />}
        {tab === "agenda" && <AgendaTab shop={shop} />}
        {tab === "settings" && <SettingsTab shop={shop} />}
        {tab === "details" && <ShopForm shop={shop} />}
      </div>
    </div>
  );
}
