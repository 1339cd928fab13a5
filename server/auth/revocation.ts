// Sessions end when they should (issue 16): a session token carries the user's session
// version at sign-in (`sv`) and its own id (`sid`). A password change bumps the version and
// keeps only the session that made it (keptSessionId): every other token is refused the next
// time it is read (readSession, next-auth's own session endpoint), and the user's other open
// sockets are cut at once (the "session.revoked" event, on every instance through the adapter).
//
// The version is read from the database at most once a second per user and instance; this
// instance forgets it at once when it bumps it, another instance within that second.
import type { Db } from "../db";
import { publish } from "../realtime/emit";
import { ZRole, type TRole } from "./roles";

const CACHE_MS = 1_000;
const CACHE_MAX = 10_000;
// The roles are read here too (issue 16): a role an admin grants or withdraws counts from the
// next request, whatever the token says; a suspended account's sessions never stand.
type TState = { version: number; keptSessionId: string | null; isSuspended: boolean; roles: TRole[] };
type TCached = { state: TState | null; until: number };
const g = globalThis as { __quartierSessionStates?: Map<string, TCached> };
const cache = (g.__quartierSessionStates ??= new Map<string, TCached>());

async function stateOf(db: Db, userId: string): Promise<TState | null> {
  const now = Date.now();
  const hit = cache.get(userId);
  if (hit && hit.until > now) return hit.state;
  const row = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true, keptSessionId: true, suspendedAt: true, roles: { select: { role: true } } } });
  const state = row
    ? {
        version: row.sessionVersion,
        keptSessionId: row.keptSessionId,
        isSuspended: row.suspendedAt !== null,
        roles: row.roles.map((r) => r.role).filter((r): r is TRole => ZRole.safeParse(r).success),
      }
    : null;
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(userId, { state, until: now + CACHE_MS });
  return state;
}

/** The claims a token carries about itself (tokens from before this existed have neither: version 0). */
export type TSessionClaims = { userId: string; version: number; sessionId: string | null };

/** Whether a session token still stands: its user exists and it is of the current version, or the kept session. */
export async function isSessionCurrent(db: Db, claims: TSessionClaims): Promise<boolean> {
  return (await currentRoles(db, claims)) !== null;
}

/** The user's roles as stored now when the session still stands, else null. */
export async function currentRoles(db: Db, claims: TSessionClaims): Promise<TRole[] | null> {
  const state = await stateOf(db, claims.userId);
  if (!state || state.isSuspended) return null;
  const stands = claims.version === state.version || (claims.sessionId !== null && claims.sessionId === state.keptSessionId);
  return stands ? state.roles : null;
}

/** This instance reads the user's state again on the next request (after a role change); other instances within a second. */
export function forgetSessionState(userId: string) {
  cache.delete(userId);
}

/**
 * Ends every session of the user but `keepSessionId` (null: all of them). `db` may be a
 * transaction: then call `announceRevocation` after it commits.
 */
export async function revokeSessions(db: Pick<Db, "user">, userId: string, keepSessionId: string | null) {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 }, keptSessionId: keepSessionId } });
}

/** After the change is stored: this instance forgets the old version, and open sockets of other sessions are cut. */
export function announceRevocation(userId: string, keepSessionId: string | null) {
  cache.delete(userId);
  publish({ type: "session.revoked", userId, keepSessionId });
}
