import { AppShell } from "../_components/app-shell";
import { requireSession } from "../_lib/server";

export default async function MerchantLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession(["merchant"]);
  return (
    <AppShell roles={session.roles} name={session.name}>
      {children}
    </AppShell>
  );
}
