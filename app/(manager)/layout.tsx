import { Shell } from "../_components/shell";
import { requireSession } from "../_lib/server";

export default async function ManagerLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession(["manager", "admin"]);
  return (
    <Shell session={session}>{children}</Shell>
  );
}
