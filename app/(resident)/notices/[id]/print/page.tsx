import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../../_lib/server";
import { noticeForTitle } from "../../../../_lib/titles";
import { PrintView } from "./print-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const notice = await noticeForTitle(id);
  if (notice) {
    const t = await getTranslations("titles");
    return { title: t("noticePrint", { title: notice.title }) };
  }
  const t = await getTranslations("notices");
  return { title: t("print") };
}

export default async function NoticePrintPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <PrintView id={id} />;
}
