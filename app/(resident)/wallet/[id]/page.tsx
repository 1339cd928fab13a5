import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { ReceiptView } from "./receipt-view";

export async function generateMetadata() {
  const t = await getTranslations("receipt");
  return { title: t("title") };
}

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <ReceiptView id={id} />;
}
