import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { CommonRepairsView } from "./common-view";

export async function generateMetadata() {
  const t = await getTranslations("commonRepairs");
  return { title: t("title") };
}

export default async function CommonRepairsPage() {
  await requireSession();
  return <CommonRepairsView />;
}
