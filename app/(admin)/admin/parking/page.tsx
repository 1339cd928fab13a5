import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { OperatorsView } from "./operators-view";

export async function generateMetadata() {
  const t = await getTranslations("parkingAdmin");
  return { title: t("title") };
}

export default async function ParkingOperatorsPage() {
  await requireSession(["admin"]);
  return <OperatorsView />;
}
