// Only for bench/api.ts: the same tRPC router behind a Next route handler, to measure what
// serving the API through Next would cost. Answers 404 unless the server runs with BENCH=1.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "~/env";
import { appRouter } from "~/server/root";
import { createContextFromHeaders } from "~/server/trpc";

function handler(req: Request) {
  if (!env().BENCH) return new Response("Not found", { status: 404 });
  return fetchRequestHandler({
    endpoint: "/api/bench/trpc",
    req,
    router: appRouter,
    createContext: () => createContextFromHeaders(Object.fromEntries(req.headers.entries())),
  });
}

export { handler as GET, handler as POST };
