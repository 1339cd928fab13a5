// One way to read who is calling, from a request's headers: used by the tRPC context,
// the socket.io handshake and server components alike.
import { parse as parseCookies } from "cookie";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "../../env";
import { ZRole, type TRole } from "./roles";

export type TSession = { userId: string; email: string; name: string; roles: TRole[] };

type HeaderBag = Record<string, string | string[] | undefined>;

// Decrypting the session token (HKDF + A256GCM) is the largest fixed cost of an API call.
// A token is immutable, so its decoded form is kept for a short while, never past expiry.
const CACHE_MAX = 5_000;
const CACHE_MS = 60_000;
const g = globalThis as { __quartierSessions?: Map<string, { session: TSession; until: number }> };
const cache = (g.__quartierSessions ??= new Map<string, { session: TSession; until: number }>());

export async function readSession(headers: HeaderBag): Promise<TSession | null> {
  const cookieHeader = typeof headers.cookie === "string" ? headers.cookie : "";
  if (!cookieHeader.includes("session-token")) return null;
  const e = env();
  const cookies = parseCookies(cookieHeader);
  const raw = cookies[e.secureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token"];
  const now = Date.now();
  const hit = raw ? cache.get(raw) : undefined;
  if (hit && hit.until > now) return hit.session;
  // getToken wants a Next request; it only reads `cookies` and `headers` from it.
  const req = { headers, cookies } as unknown as NextRequest;
  const token = await getToken({ req, secret: e.authSecret, secureCookie: e.secureCookies });
  if (!token?.sub || typeof token.email !== "string") return null;
  const roles = Array.isArray(token.roles) ? token.roles.filter((r): r is TRole => ZRole.safeParse(r).success) : [];
  const session = { userId: token.sub, email: token.email, name: String(token.name ?? ""), roles };
  if (raw) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    const expiresAt = typeof token.exp === "number" ? token.exp * 1000 : now;
    cache.set(raw, { session, until: Math.min(now + CACHE_MS, expiresAt) });
  }
  return session;
}
