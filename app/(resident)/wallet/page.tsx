import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { WalletView } from "./wallet-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("wallet") };
}

export default async function WalletPage() {
  await requireSession();
  return <WalletView />;
}
