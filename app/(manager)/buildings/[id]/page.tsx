import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { serverApi } from "../../../_lib/server";
import { BuildingView } from "./building-view";

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
