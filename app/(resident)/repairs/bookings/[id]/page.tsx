import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../../_lib/server";
import { displayName } from "../../../../_lib/display-name";
import { readForTitle } from "../../../../_lib/titles";
import { BookingView } from "./booking-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const booking = await readForTitle((api) => api.repairs.get({ id }));
  if (booking) {
    const [t, tc] = await Promise.all([getTranslations("titles"), getTranslations("common")]);
    return { title: t("booking", { name: booking.side === "resident" ? booking.repairer.name : displayName(booking.resident.name, tc("deletedUser")) }) };
  }
  const t = await getTranslations("repairs");
  return { title: t("bookingTitle") };
}

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <BookingView id={id} />;
}
