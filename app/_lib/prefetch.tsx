// Pages render their data on the server: a page (a server component) prefetches the tRPC
// queries its client view will ask for, through the in-process router (no HTTP hop), and
// wraps the view in <Hydrate>, which hands the results to the browser's query cache. The view
// then renders with its data in the first HTML instead of "Loading…", and the browser does not
// ask again until the data is stale. A query that fails here is simply not handed over: the
// view fetches it in the browser and shows its own error state.
//
//   export default async function BillsPage() {
//     await requireSession();
//     await prefetch((trpc) => [trpc.bills.listUnits.queryOptions()]);
//     return <Hydrate><BillsView /></Hydrate>;
//   }
//
// Keys match the browser's exactly when the inputs are the same objects the view passes
// (undefined fields included), since both sides build them with the same tRPC proxy.
import "server-only";
import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import superjson from "superjson";
import { appRouter } from "~/server/root";
import { createContextFromHeaders } from "~/server/trpc";

/** One query cache per request (React's `cache` is per server request). */
const queryClient = cache(
  () =>
    new QueryClient({
      defaultOptions: {
        // The same freshness as the browser's (providers.tsx): hydrated data is not refetched at once.
        queries: { staleTime: 15_000, retry: false },
        // Dates and the like cross to the browser the way the tRPC client carries them.
        dehydrate: { serializeData: superjson.serialize },
      },
    }),
);

/** One context per request: the session is read once for all the page's queries. */
const context = cache(async () => createContextFromHeaders(Object.fromEntries((await headers()).entries())));

const trpc = createTRPCOptionsProxy({ router: appRouter, ctx: context, queryClient });

type TApi = typeof trpc;
type TQueryOptions = { queryKey: QueryKey; queryFn?: unknown; initialPageParam?: unknown };

/**
 * Runs the page's queries on the server, side by side, into the request's query cache
 * (`queryOptions()` or `infiniteQueryOptions()`, whose first page is fetched). Never throws.
 */
export async function prefetch(pick: (api: TApi) => TQueryOptions[]) {
  const client = queryClient();
  const all = pick(trpc);
  await Promise.all(
    all.map((options) =>
      "initialPageParam" in options
        ? client.prefetchInfiniteQuery(options as Parameters<QueryClient["prefetchInfiniteQuery"]>[0])
        : client.prefetchQuery(options as Parameters<QueryClient["prefetchQuery"]>[0]),
    ),
  );
  for (const { queryKey } of all) reportFailure(queryKey, client.getQueryState(queryKey)?.error);
}

/** A refusal (not found, not yours) is the view's to show; anything else is a bug worth a log line. */
function reportFailure(queryKey: QueryKey, error: unknown) {
  if (!error || (error instanceof TRPCError && EXPECTED.has(error.code))) return;
  console.error(`prefetch ${JSON.stringify(queryKey[0])} failed:`, error);
}
const EXPECTED = new Set<TRPCError["code"]>(["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "BAD_REQUEST", "PRECONDITION_FAILED", "CONFLICT"]);

/**
 * One query's data for a page that needs it to pick its next queries (the first unit of a
 * list, say), kept in the cache for the browser too; undefined when the procedure refuses.
 */
export async function prefetched<TKey extends QueryKey>(pick: (api: TApi) => { queryKey: TKey; queryFn?: unknown }) {
  const options = pick(trpc);
  await queryClient().prefetchQuery(options as Parameters<QueryClient["prefetchQuery"]>[0]);
  reportFailure(options.queryKey, queryClient().getQueryState(options.queryKey)?.error);
  return queryClient().getQueryData(options.queryKey);
}

/** Hands what `prefetch` fetched to the browser's query cache. */
export function Hydrate({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(queryClient())}>{children}</HydrationBoundary>;
}
