// A person's name as others see it. An erased account's name is "" (server/privacy/deletion.ts):
// it is shown as the translated "Deleted user" wherever a name is shown (chat, the merchant's
// board, QR payments, repair bookings, notices' author, reports, the staff homes).
import { useTranslations } from "next-intl";

/** `deletedUser`: the translated "Deleted user" (common.deletedUser). */
export const displayName = (name: string | null | undefined, deletedUser: string) => (name ? name : deletedUser);

/** The same in a component: `const nameOf = useDisplayName(); nameOf(o.customerName)`. */
export function useDisplayName() {
  const t = useTranslations("common");
  return (name: string | null | undefined) => displayName(name, t("deletedUser"));
}
