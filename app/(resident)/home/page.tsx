import { getTranslations } from "next-intl/server";
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
  if (staff.length === 0) return <ResidentHome name={session.name} />;
  return (
    <>
      <StaffHome roles={staff} />
      {isResident && <ResidentHome name={session.name} isSecondary />}
    </>
  );
}
