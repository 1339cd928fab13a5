import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { NoticesView } from "./notices-view";

export async function generateMetadata({ searchParams }: { searchParams: Promise<{ view?: string | string[] }> }) {
  const { view } = await searchParams;
  if (view === "archive") return { title: (await getTranslations("titles"))("noticesArchive") };
  const t = await getTranslations("notices");
  return { title: t("title") };
}

// The view is in the address (?view=archive), so a reload and Back keep it.
export default async function NoticesPage({ searchParams }: { searchParams: Promise<{ view?: string | string[] }> }) {
  await requireSession();
  const { view } = await searchParams;
  return <NoticesView isArchive={view === "archive"} />;
}
