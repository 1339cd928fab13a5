import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../../_lib/server";
import { ManageBookingView } from "./manage-booking-view";

export async function generateMetadata() {
  const t = await getTranslations("repairsManage");
  return { title: t("bookingTitle") };
}

export default async function ManageBookingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession(["merchant"]);
  const { id } = await params;
  return <ManageBookingView id={id} />;
}
