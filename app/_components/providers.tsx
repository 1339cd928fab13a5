"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/root";
import { isUnauthorized, leaveEndedSession } from "../_lib/session-ended";
import { TRPCProvider } from "../_lib/trpc";
import { RealtimeProvider, type TRefetchMap } from "./realtime";
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
      // What a page prefetched on the server (app/_lib/prefetch.tsx) arrives superjson-encoded.
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

/**
 * The browser's query cache, tRPC client, toasts and (signed in: `refetch` given) the live socket.
 * No next-auth SessionProvider: nothing reads the session in the browser (pages get it from
 * the server), and its client would be in every page's JavaScript.
 */
export function Providers({ children, refetch }: { children: React.ReactNode; refetch: TRefetchMap | null }) {
  const [queryClient] = useState(() => makeQueryClient(refetch !== null));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ToastProvider>
          <RealtimeProvider refetch={refetch}>{children}</RealtimeProvider>
        </ToastProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
