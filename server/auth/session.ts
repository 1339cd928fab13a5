// One way to read who is calling, from a request's headers: used by the tRPC context,
// the socket.io handshake and server components alike.
import { parse as parseCookies } from "cookie";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "../../env";
import { getDb, type Db } from "../db";
import { currentRoles } from "./revocation";
import { ZRole, type TRole } from "./roles";

/** sessionId: the token's own id (absent from tokens made before sessions had one, and in tests). */
export type TSession = { userId: string; email: string; name: string; roles: TRole[]; sessionId?: string };

type HeaderBag = Record<string, string | string[] | undefined>;

// Decrypting the session token (HKDF + A256GCM) is the largest fixed cost of an API call.
// A token is immutable, so its decoded form is kept for a short while, never past expiry.
const CACHE_MAX = 5_000;
const CACHE_MS = 60_000;
const g = globalThis as { __quartierSessions?: Map<string, { session: TSession; version: number; until: number }> };
const cache = (g.__quartierSessions ??= new Map<string, { session: TSession; version: number; until: number }>());

/** The caller's session, or null: no token, a token that does not decode, or one that ended (server/auth/revocation.ts). */
export async function readSession(headers: HeaderBag, db: Db = getDb()): Promise<TSession | null> {
  const cookieHeader = typeof headers.cookie === "string" ? headers.cookie : "";
  if (!cookieHeader.includes("session-token")) return null;
  const e = env();
  const cookies = parseCookies(cookieHeader);
  const raw = cookies[e.secureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token"];
  const now = Date.now();
  const hit = raw ? cache.get(raw) : undefined;
  if (hit && hit.until > now) return stands(db, hit.session, hit.version);
  // getToken wants a Next request; it only reads `cookies` and `headers` from it.
  const req = { headers, cookies } as unknown as NextRequest;
  const token = await getToken({ req, secret: e.authSecret, secureCookie: e.secureCookies });
  if (!token?.sub || typeof token.email !== "string") return null;
  const roles = Array.isArray(token.roles) ? token.roles.filter((r): r is TRole => ZRole.safeParse(r).success) : [];
  const { version, sessionId } = sessionClaims(token);
  const session: TSession = { userId: token.sub, email: token.email, name: String(token.name ?? ""), roles, ...(sessionId ? { sessionId } : {}) };
  if (raw) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    const expiresAt = typeof token.exp === "number" ? token.exp * 1000 : now;
    cache.set(raw, { session, version, until: Math.min(now + CACHE_MS, expiresAt) });
  }
  return stands(db, session, version);
}

/** What a token says about its own session (tokens from before sessions had these: version 0, no id). */
export function sessionClaims(token: Record<string, unknown>) {
  return { version: typeof token.sv === "number" ? token.sv : 0, sessionId: typeof token.sid === "string" ? token.sid : null };
}

/** The session with the roles stored now (granted or withdrawn since sign-in), or null when it ended. */
async function stands(db: Db, s: TSession, version: number): Promise<TSession | null> {
  const roles = await currentRoles(db, { userId: s.userId, version, sessionId: s.sessionId ?? null });
  return roles ? { ...s, roles } : null;
}
