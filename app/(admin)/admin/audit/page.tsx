import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../../_lib/prefetch";
import { requireSession } from "../../../_lib/server";
import { auditInput } from "./audit-input";
import { AuditView } from "./audit-view";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ action?: string; person?: string; page?: string }> }) {
  await requireSession(["admin"]);
  const input = auditInput(await searchParams);
  await prefetch((trpc) => [trpc.people.history.queryOptions(input)]);
  return (
    <Hydrate>
      <AuditView />
    </Hydrate>
  );
}
