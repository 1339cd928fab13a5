import { Shell } from "../_components/shell";
import { requireSession } from "../_lib/server";

export default async function MerchantLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession(["merchant"]);
  return (
    <Shell session={session}>{children}</Shell>
  );
}
