import { Shell } from "../_components/shell";
import { requireSession } from "../_lib/server";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession(["admin"]);
  return (
    <Shell session={session}>{children}</Shell>
  );
}
