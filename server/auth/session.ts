// One way to read who is calling, from a request's headers: used by the tRPC context,
// the socket.io handshake and server components alike.
import { parse as parseCookies } from "cookie";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "../../env";
import { ZRole, type TRole } from "./roles";

export type TSession = { userId: string; email: string; name: string; roles: TRole[] };

type HeaderBag = Record<string, string | string[] | undefined>;

export async function readSession(headers: HeaderBag): Promise<TSession | null> {
  const cookieHeader = typeof headers.cookie === "string" ? headers.cookie : "";
  if (!cookieHeader.includes("session-token")) return null;
  const e = env();
  // getToken wants a Next request; it only reads `cookies` and `headers` from it.
  const req = { headers, cookies: parseCookies(cookieHeader) } as unknown as NextRequest;
  const token = await getToken({ req, secret: e.authSecret, secureCookie: e.secureCookies });
  if (!token?.sub || typeof token.email !== "string") return null;
  const roles = Array.isArray(token.roles) ? token.roles.filter((r): r is TRole => ZRole.safeParse(r).success) : [];
  return { userId: token.sub, email: token.email, name: String(token.name ?? ""), roles };
}
