import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { AccountView } from "./account-view";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const session = await requireSession();
  // Homes, the data export's state and what blocks a deletion in the first HTML (no "Loading…" flash).
  await prefetch((trpc) => [trpc.buildings.listMemberships.queryOptions(), trpc.privacy.export.get.queryOptions(), trpc.privacy.deletion.get.queryOptions()]);
  return (
    <Hydrate>
      <AccountView email={session.email} name={session.name} roles={session.roles} />
    </Hydrate>
  );
}
