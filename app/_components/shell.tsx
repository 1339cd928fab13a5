// The signed-in frame as the route groups' layouts use it: the shell's own queries (unread
// counts, urgent notices) prefetched on the server, so that the first HTML has them.
import "server-only";
import type { TSession } from "~/server/auth/session";
import { Hydrate, prefetch } from "../_lib/prefetch";
import { AppShell } from "./app-shell";

export async function Shell({ session, children }: { session: TSession; children: React.ReactNode }) {
  const is = (role: string) => session.roles.some((r) => r === role);
  await prefetch((trpc) => [
    trpc.notifications.unreadCount.queryOptions(),
    ...(is("resident") || is("merchant") ? [trpc.chat.unreadCount.queryOptions()] : []),
    ...(is("resident") ? [trpc.notices.pendingUrgent.queryOptions(), trpc.notices.unseenCount.queryOptions()] : []),
  ]);
  return (
    <Hydrate>
      <AppShell roles={session.roles} name={session.name}>
        {children}
      </AppShell>
    </Hydrate>
  );
}
