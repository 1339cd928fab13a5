import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { AccountView } from "./account-view";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const session = await requireSession();
  return <AccountView email={session.email} name={session.name} roles={session.roles} />;
}
