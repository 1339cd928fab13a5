import { Shell } from "../_components/shell";
import { requireSession } from "../_lib/server";

// Everyone signed in has a home here; what a building shows is gated by membership.
export default async function ResidentLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  return (
    <Shell session={session}>{children}</Shell>
  );
}
