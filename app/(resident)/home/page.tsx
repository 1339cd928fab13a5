import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../_lib/prefetch";
import { requireSession } from "../../_lib/server";
import { ResidentHome } from "./resident-home";
import { StaffHome } from "./staff-home";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("home") };
}

// One home per role (issue 15): what needs a merchant, a manager or an admin first; a
// resident's home (or, without one yet, how to join) for residents. Someone who is both sees
// their work first and their home below it, under one page title.
export default async function HomePage() {
  const session = await requireSession();
  const staff = (["merchant", "manager", "admin"] as const).filter((r) => session.roles.includes(r));
  const isResident = session.roles.includes("resident");
  // The first HTML carries what the home shows (rendered with its data, not "Loading…").
  await prefetch((trpc) => [
    ...(isResident ? [trpc.home.resident.queryOptions()] : []),
    ...(staff.includes("merchant") ? [trpc.home.merchant.queryOptions()] : []),
    ...(staff.includes("manager") ? [trpc.home.manager.queryOptions()] : []),
    ...(staff.includes("admin") ? [trpc.home.admin.queryOptions()] : []),
  ]);
  if (staff.length === 0)
    return (
      <Hydrate>
        <ResidentHome name={session.name} />
      </Hydrate>
    );
  return (
    <Hydrate>
      <StaffHome roles={staff} />
      {isResident && <ResidentHome name={session.name} isSecondary />}
    </Hydrate>
  );
}
