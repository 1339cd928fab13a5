import { AppShell } from "../_components/app-shell";
import { requireSession } from "../_lib/server";

// Everyone signed in has a home here; what a building shows is gated by membership.
export default async function ResidentLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  return (
    <AppShell roles={session.roles} name={session.name}>
      {children}
    </AppShell>
  );
}
