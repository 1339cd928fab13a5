import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../../_lib/server";
import { BookingView } from "./booking-view";

export async function generateMetadata() {
  const t = await getTranslations("repairs");
  return { title: t("bookingTitle") };
}

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <BookingView id={id} />;
}
