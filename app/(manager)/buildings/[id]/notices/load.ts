// Server-side loading for the notice pages: the same scoped procedures, in-process; a
// building or notice the caller does not manage is a 404, like one that does not exist.
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { serverApi } from "../../../../_lib/server";

const missing = (e: unknown) => {
  if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN" || e.code === "BAD_REQUEST")) return null;
  throw e;
};

export async function loadBuilding(id: string) {
  const api = await serverApi();
  return (await api.buildings.manage.get({ id }).catch(missing)) ?? notFound();
}

export async function loadNotice(buildingId: string, noticeId: string) {
  const api = await serverApi();
  const notice = await api.notices.manage.get({ id: noticeId }).catch(missing);
  if (!notice || !notice.targets.some((x) => x.buildingId === buildingId)) notFound();
  return notice;
}
