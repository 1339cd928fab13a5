"use client";
// A signed-in page whose session ended under it (the password was changed elsewhere, the
// token expired): the API answers UNAUTHORIZED and the socket is refused. Then the person is
// taken to sign in, and back to this page afterwards, once, instead of a page of errors.
import { TRPCClientError } from "@trpc/client";
import { withDestination } from "./destination";

let isLeaving = false;

export function leaveEndedSession() {
  if (isLeaving || typeof window === "undefined") return;
  isLeaving = true;
  window.location.assign(withDestination("/sign-in", window.location.pathname + window.location.search));
}

/**
 * Leaves for `url` after the person ended their own sessions (deleting their account): no
 * ended-session redirect to sign-in may overtake it. `before` runs first (clearing the cookie).
 */
export async function leaveTo(url: string, before?: () => Promise<unknown>) {
  if (isLeaving || typeof window === "undefined") return;
  isLeaving = true;
  await before?.().catch(() => {});
  window.location.assign(url);
}

/** Whether an API error says the caller is not signed in. */
export function isUnauthorized(err: unknown) {
  return err instanceof TRPCClientError && (err.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";
}
