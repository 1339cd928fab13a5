import { getTranslations } from "next-intl/server";
import { env } from "~/env";
import { Hydrate, prefetch } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { firstListInput } from "./list-input";
import { ParkingView } from "./parking-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("parking") };
}

export default async function ParkingPage() {
  const session = await requireSession();
  const canOperate = session.roles.some((r) => r === "manager" || r === "admin");
  await prefetch((trpc) => [trpc.parking.list.queryOptions(firstListInput())]);
  // The map's tiles are configuration (MAP_TILE_URL, MAP_ATTRIBUTION).
  return (
    <Hydrate>
      <ParkingView tileUrl={env().MAP_TILE_URL} attribution={env().MAP_ATTRIBUTION} canOperate={canOperate} isAdmin={session.roles.includes("admin")} />
    </Hydrate>
  );
}
