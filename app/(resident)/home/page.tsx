import { getTranslations } from "next-intl/server";
import { requireSession } from "../../_lib/server";
import { HomeView } from "./home-view";
import { StaffHome } from "./staff-home";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("home") };
}

export default async function HomePage() {
  const session = await requireSession();
  const staff = (["merchant", "manager", "admin"] as const).filter((r) => session.roles.includes(r));
  const residentHome = <HomeView name={session.name} isManager={session.roles.includes("manager") || session.roles.includes("admin")} />;
  // Staff see what needs them first; someone who also lives in a building keeps their resident home below.
  if (staff.length === 0) return residentHome;
  return (
    <>
      <StaffHome roles={staff} />
      {session.roles.includes("resident") && residentHome}
    </>
  );
}
