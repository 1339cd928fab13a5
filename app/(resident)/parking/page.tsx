import { getTranslations } from "next-intl/server";
import { env } from "~/env";
import { requireSession } from "../../_lib/server";
import { ParkingView } from "./parking-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("parking") };
}

export default async function ParkingPage() {
  const session = await requireSession();
  const canOperate = session.roles.some((r) => r === "manager" || r === "admin");
  // The map's tiles are configuration (MAP_TILE_URL, MAP_ATTRIBUTION).
  return <ParkingView tileUrl={env().MAP_TILE_URL} attribution={env().MAP_ATTRIBUTION} canOperate={canOperate} />;
}
