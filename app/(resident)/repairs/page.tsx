import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { RepairsView } from "./repairs-view";

export async function generateMetadata() {
  const t = await getTranslations("repairs");
  return { title: t("title") };
}

export default async function RepairsPage() {
  await requireSession();
  return <RepairsView />;
}
