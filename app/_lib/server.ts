// Server components: the caller's session, and tRPC procedures called in-process.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { readSession } from "~/server/auth/session";
import type { TRole } from "~/server/auth/roles";
import { createCaller } from "~/server/root";
import { createContextFromHeaders } from "~/server/trpc";
import { REQUEST_PATH_HEADER } from "~/server/http/request-path";
import { withDestination } from "./destination";

async function headerBag() {
  return Object.fromEntries((await headers()).entries());
}

export async function getSession() {
  return readSession(await headerBag());
}

/** The page being asked for (stamped by the custom server), to come back to after signing in. */
async function requestedPath() {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? undefined;
}

/**
 * The session, or a redirect to sign-in that keeps the page asked for as `callbackUrl`;
 * with roles, a redirect home when none is held.
 */
export async function requireSession(roles?: TRole[]) {
  const session = await getSession();
  if (!session) redirect(withDestination("/sign-in", await requestedPath()));
  if (roles && !roles.some((r) => session.roles.includes(r))) redirect("/home");
  return session;
}

export async function serverApi() {
  return createCaller(await createContextFromHeaders(await headerBag()));
}
