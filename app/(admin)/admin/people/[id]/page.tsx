import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../../../_lib/prefetch";
import { requireSession } from "../../../../_lib/server";
import { readForTitle } from "../../../../_lib/titles";
import { PersonView } from "./person-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations("people");
  const person = await readForTitle((api) => api.people.get({ id }));
  return { title: person?.name ?? t("title") };
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession(["admin"]);
  const { id } = await params;
  await prefetch((trpc) => [trpc.people.get.queryOptions({ id })]);
  return (
    <Hydrate>
      <PersonView id={id} />
    </Hydrate>
  );
}
