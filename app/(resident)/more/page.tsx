import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { MoreView } from "./more-view";

export async function generateMetadata() {
  const t = await getTranslations("more");
  return { title: t("title") };
}

export default async function MorePage() {
  const session = await requireSession();
  return <MoreView roles={session.roles} />;
}
