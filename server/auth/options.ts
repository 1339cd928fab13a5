// next-auth configuration: email + password (Credentials), JWT sessions.
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../../env";
import { verifyCredentials } from "../accounts/service";
import { listRoles } from "../accounts/repository";
import { ZSignInInput } from "../accounts/schema";
import { getDb, type Db } from "../db";
import { isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { findInputProblem } from "../lib/input";
import { isSessionCurrent } from "./revocation";
import { sessionClaims } from "./session";

export function authOptions(db: Db = getDb()): NextAuthOptions {
  const e = env();
  return {
    secret: e.authSecret,
    useSecureCookies: e.secureCookies,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        name: "email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          if (findInputProblem(credentials)) return null;
          const parsed = ZSignInInput.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          try {
            const me = await verifyCredentials(db, parsed.data.email, parsed.data.password, clientIp(req.headers ?? {}));
            return me ? { id: me.id, email: me.email, name: me.name, roles: me.roles, sessionVersion: me.sessionVersion, deletionCancelled: me.deletionCancelled } : null;
          } catch (err) {
            // next-auth passes the message through as `error`; the sign-in page translates it.
            if (isAppError(err) && err.code === "RATE_LIMITED") throw new Error(`RATE_LIMITED:${err.params?.seconds ?? 60}`, { cause: err });
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        if (user) {
          token.roles = (user as { roles?: string[] }).roles ?? [];
          // The session's own id and the user's session version (server/auth/revocation.ts).
          token.sid = randomUUID();
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          // This sign-in cancelled a deletion: the sign-in form reads it once (deletionCancelledNow).
          if ((user as { deletionCancelled?: boolean }).deletionCancelled) token.dc = Date.now();
        } else if (token.sub) {
          // An ended session is not renewed by next-auth's own endpoint either: throwing here
          // makes it clear the cookie (the pages and the API refuse it anyway: readSession).
          const claims = sessionClaims(token);
          if (!(await isSessionCurrent(db, { userId: token.sub, ...claims }))) throw new Error("SESSION_ENDED");
        }
        // `update()` from the client refreshes roles (e.g. after being made a manager) and name.
        if (trigger === "update" && token.sub) {
          token.roles = await listRoles(db, token.sub);
          const update = session as { name?: unknown } | undefined;
          if (typeof update?.name === "string") token.name = update.name;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub, roles: token.roles ?? [] }, deletionCancelledNow: deletionCancelledNow(token.dc) };
      },
    },
  };
}

/** Whether the session's sign-in cancelled a deletion within the last minute (what the sign-in form says once). */
export const deletionCancelledNow = (signedInAt: unknown) => typeof signedInAt === "number" && Date.now() - signedInAt < 60_000;
