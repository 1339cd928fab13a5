import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../../_lib/server";
import { PrintView } from "./print-view";

export async function generateMetadata() {
  const t = await getTranslations("notices");
  return { title: t("print") };
}

export default async function NoticePrintPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <PrintView id={id} />;
}
