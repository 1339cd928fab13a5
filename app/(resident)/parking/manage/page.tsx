import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { ManageView } from "./manage-view";

export async function generateMetadata() {
  const t = await getTranslations("parking");
  return { title: t("manageTitle") };
}

export default async function ParkingManagePage() {
  await requireSession(["manager", "admin"]);
  return <ManageView />;
}
