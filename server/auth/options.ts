// next-auth configuration: email + password (Credentials), JWT sessions.
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../../env";
import { verifyCredentials } from "../accounts/service";
import { listRoles } from "../accounts/repository";
import { ZSignInInput } from "../accounts/schema";
import { getDb } from "../db";
import { isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { findInputProblem } from "../lib/input";

export function authOptions(): NextAuthOptions {
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
            const me = await verifyCredentials(getDb(), parsed.data.email, parsed.data.password, clientIp(req.headers ?? {}));
            return me ? { id: me.id, email: me.email, name: me.name, roles: me.roles } : null;
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
        if (user) token.roles = (user as { roles?: string[] }).roles ?? [];
        // `update()` from the client refreshes roles (e.g. after being made a manager) and name.
        if (trigger === "update" && token.sub) {
          token.roles = await listRoles(getDb(), token.sub);
          const update = session as { name?: unknown } | undefined;
          if (typeof update?.name === "string") token.name = update.name;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub, roles: token.roles ?? [] } };
      },
    },
  };
}
