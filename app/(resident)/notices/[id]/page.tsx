import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { NoticeView } from "./notice-view";

export async function generateMetadata() {
  const t = await getTranslations("notices");
  return { title: t("title") };
}

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <NoticeView id={id} />;
}
