"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { UrlTabs, useUrlTab } from "../../../_components/tabs";
import { Loading } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";
import type { RouterOutputs } from "../../../_lib/types";
import { MembersTab, RequestsTab } from "./members-tabs";

// Requests (the default tab) and members come with the page; each other tab loads with itself
// (CSV import, forms and their validation), so a building's first load stays light (bench/pages.ts).
const BillsTab = dynamic(() => import("./bills-tab").then((m) => m.BillsTab), { loading: () => <Loading /> });
const CommonRepairsTab = dynamic(() => import("./common-repairs-tab").then((m) => m.CommonRepairsTab), { loading: () => <Loading /> });
const DetailsTab = dynamic(() => import("./details-tab").then((m) => m.DetailsTab), { loading: () => <Loading /> });
const InvitesTab = dynamic(() => import("./invites-tab").then((m) => m.InvitesTab), { loading: () => <Loading /> });
const NoticesTab = dynamic(() => import("./notices-tab").then((m) => m.NoticesTab), { loading: () => <Loading /> });
const UnitsTab = dynamic(() => import("./units-tab").then((m) => m.UnitsTab), { loading: () => <Loading /> });

const TABS = ["requests", "notices", "members", "bills", "commonRepairs", "units", "invites", "details"] as const;
type TTab = (typeof TABS)[number];
export type TBuildingDetail = RouterOutputs["buildings"]["manage"]["get"];

export function BuildingView({ initial }: { initial: TBuildingDetail }) {
  const t = useTranslations("building");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const tn = useTranslations("noticesManage");
  // The tab is in the URL (?tab=notices: the notice pages link back to their tab).
  const tab: TTab = useUrlTab(TABS, "requests");
  const building = useQuery(trpc.buildings.manage.get.queryOptions({ id: initial.id }, { initialData: initial })).data ?? initial;
  const requests = useQuery(trpc.buildings.manage.listRequests.queryOptions({ buildingId: initial.id }));
  const pending = requests.data?.length ?? 0;

  return (
    <div className="page">
      <header className="page-head">
        <Link href="/buildings" className="back">
          ← {tc("back")}
        </Link>
        <h1>{building.name}</h1>
        <p className="muted">
          {building.address}, {building.postalCode} {building.city}
        </p>
      </header>
      <UrlTabs tabs={TABS} current={tab} label={building.name}>
        {(key) => (
          <>
            {key === "notices" ? tn("tab") : t(`tabs.${key}`)}
            {key === "requests" && pending > 0 && <span className="count" data-testid="pending-count">{pending}</span>}
          </>
        )}
      </UrlTabs>
      <div id={`panel-${tab}`}>
        {tab === "requests" && <RequestsTab buildingId={building.id} />}
        {tab === "notices" && <NoticesTab building={building} />}
        {tab === "members" && <MembersTab buildingId={building.id} />}
        {tab === "bills" && <BillsTab building={building} />}
        {tab === "commonRepairs" && <CommonRepairsTab building={building} />}
        {tab === "units" && <UnitsTab building={building} />}
        {tab === "invites" && <InvitesTab building={building} />}
        {tab === "details" && <DetailsTab building={building} />}
      </div>
    </div>
  );
}
