import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
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

export default async function BuildingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  // In-process call: same procedure, same scoping, no HTTP round trip.
  const building = await api.buildings.manage.get({ id }).catch((e) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN" || e.code === "BAD_REQUEST")) return null;
    throw e;
  });
  if (!building) notFound();
  return <BuildingView initial={building} />;
}
