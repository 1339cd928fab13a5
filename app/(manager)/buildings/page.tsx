import { getTranslations } from "next-intl/server";
import { BuildingsView } from "./buildings-view";

export async function generateMetadata() {
  const t = await getTranslations("buildings");
  return { title: t("title") };
}

export default function BuildingsPage() {
  return <BuildingsView />;
}
