import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { PayView } from "./pay-view";

export async function generateMetadata() {
  const t = await getTranslations("pay");
  return { title: t("title") };
}

export default async function PayPage({ params }: { params: Promise<{ token: string }> }) {
  await requireSession();
  const { token } = await params;
  return <PayView token={token} />;
}
