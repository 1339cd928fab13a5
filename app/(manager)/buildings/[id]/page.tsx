import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Hydrate, prefetch } from "../../../_lib/prefetch";
import { serverApi } from "../../../_lib/server";
import { readForTitle } from "../../../_lib/titles";
import { BuildingView } from "./building-view";

const TAB_KEYS = ["requests", "members", "units", "invites", "details", "bills", "commonRepairs"] as const;

/** The building's name; on a tab in the address (?tab=bills), "Bills · Les Canuts". */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string | string[] }> }) {
  const [{ id }, { tab }] = await Promise.all([params, searchParams]);
  const building = await readForTitle((api) => api.buildings.manage.get({ id }));
  if (!building) return { title: (await getTranslations("buildings"))("title") };
  const t = await getTranslations();
  const section = tab === "notices" ? t("noticesManage.tab") : TAB_KEYS.find((k) => k === tab) ? t(`building.tabs.${tab as (typeof TAB_KEYS)[number]}`) : null;
  return { title: section ? t("titles.section", { section, place: building.name }) : building.name };
}

export default async function BuildingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string | string[] }> }) {
  const [{ id }, { tab }] = await Promise.all([params, searchParams]);
  const api = await serverApi();
  // In-process call: same procedure, same scoping, no HTTP round trip.
  const building = await api.buildings.manage.get({ id }).catch((e) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN" || e.code === "BAD_REQUEST")) return null;
    throw e;
  });
  if (!building) notFound();
  // What the open tab shows first (the requests' count is on every tab).
  const buildingId = building.id;
  await prefetch((trpc) => [
    trpc.buildings.manage.listRequests.queryOptions({ buildingId }),
    ...(tab === "notices" ? [trpc.notices.manage.list.queryOptions({ buildingId })] : []),
    ...(tab === "members" ? [trpc.buildings.manage.listMembers.queryOptions({ buildingId })] : []),
    ...(tab === "bills" ? [trpc.bills.manage.summary.queryOptions({ buildingId })] : []),
    ...(tab === "commonRepairs" ? [trpc.repairs.common.manage.list.queryOptions({ buildingId })] : []),
    ...(tab === "invites" ? [trpc.buildings.manage.listInvites.queryOptions({ buildingId })] : []),
  ]);
  return (
    <Hydrate>
      <BuildingView initial={building} />
    </Hydrate>
  );
}
