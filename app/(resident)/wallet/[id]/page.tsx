import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { readForTitle } from "../../../_lib/titles";
import { ReceiptView } from "./receipt-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const receipt = await readForTitle((api) => api.wallet.getReceipt({ id }));
  if (receipt) {
    const t = await getTranslations("titles");
    return { title: t("receipt", { number: receipt.number }) };
  }
  const t = await getTranslations("receipt");
  return { title: t("title") };
}

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <ReceiptView id={id} />;
}
