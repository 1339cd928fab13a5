import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { readForTitle } from "../../../_lib/titles";
import { PayView } from "./pay-view";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await readForTitle((api) => api.qr.get({ token }));
  if (link) {
    const t = await getTranslations("titles");
    return { title: t("pay", { shop: link.shopName }) };
  }
  const t = await getTranslations("pay");
  return { title: t("title") };
}

export default async function PayPage({ params }: { params: Promise<{ token: string }> }) {
  await requireSession();
  const { token } = await params;
  return <PayView token={token} />;
}
