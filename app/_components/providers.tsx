"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { SessionProvider } from "next-auth/react";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/root";
import { isUnauthorized, leaveEndedSession } from "../_lib/session-ended";
import { TRPCProvider } from "../_lib/trpc";
import { RealtimeProvider } from "./realtime";
import { ToastProvider } from "./toast";

function makeQueryClient(isSignedIn: boolean) {
  // A signed-in page that the API no longer knows (the session ended elsewhere) goes to sign-in.
  const onError = (err: unknown) => {
    if (isSignedIn && isUnauthorized(err)) leaveEndedSession();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Client errors (4xx) will not fix themselves; network blips might.
        retry: (count, err) => !(err instanceof TRPCClientError && ((err.data as { httpStatus?: number } | undefined)?.httpStatus ?? 500) < 500) && count < 2,
      },
      // Sent even when the browser says it is offline, so that it fails at once with "cannot
      // reach Quartier" instead of waiting, paused, behind a spinner that never stops.
      // (Payments are also disabled while offline; their idempotency keys make a retry safe.)
      mutations: { networkMode: "always" },
    },
  });
}

export function Providers({ children, isSignedIn }: { children: React.ReactNode; isSignedIn: boolean }) {
  const [queryClient] = useState(() => makeQueryClient(isSignedIn));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <ToastProvider>
            <RealtimeProvider isEnabled={isSignedIn}>{children}</RealtimeProvider>
          </ToastProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </SessionProvider>
  );
}
