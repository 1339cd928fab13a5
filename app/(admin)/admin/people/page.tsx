import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../../_lib/prefetch";
import { requireSession } from "../../../_lib/server";
import { peopleInput } from "./people-input";
import { PeopleView } from "./people-view";

export async function generateMetadata() {
  const t = await getTranslations("people");
  return { title: t("title") };
}

export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  await requireSession(["admin"]);
  const input = peopleInput(await searchParams);
  await prefetch((trpc) => [trpc.people.list.queryOptions(input)]);
  return (
    <Hydrate>
      <PeopleView />
    </Hydrate>
  );
}
