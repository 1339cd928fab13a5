/**
 * 1. CONTEXT — who is calling (from the session cookie), the database, the client IP.
 * 2. INITIALISATION — superjson, and one error formatter that maps AppError codes to tRPC
 *    codes and flattens zod errors for forms.
 * 3. PROCEDURES — public, protected (signed in), and role-gated (fresh roles from the db).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { readSession, type TSession } from "./auth/session";
import { can, type TAction, type TRole } from "./auth/roles";
import { listRoles } from "./accounts/repository";
import { getDb, type Db } from "./db";
import { APP_ERROR_CODES, AppError, isAppError, type TAppErrorCode } from "./errors";
import { clientIp } from "./http/client-ip";
import { checkInput } from "./lib/input";

// ─── 1. Context ────────────────────────────────────────────────────────────
export type TContext = { db: Db; session: TSession | null; ip: string };

export async function createContextFromHeaders(headers: Record<string, string | string[] | undefined>, db: Db = getDb()): Promise<TContext> {
  return { db, session: await readSession(headers, db), ip: clientIp(headers) };
}

// ─── 2. Initialisation ─────────────────────────────────────────────────────
const t = initTRPC.context<TContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appCode: TAppErrorCode | null = isAppError(cause) ? cause.code : error.code === "UNAUTHORIZED" ? "UNAUTHENTICATED" : null;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      // Internal errors keep their details in the server log, not in the response.
      message:
        cause instanceof ZodError
          ? `Invalid input: ${cause.issues.map((i) => `${i.path.join(".") || "input"} (${i.message})`).join(", ")}`
          : error.code === "INTERNAL_SERVER_ERROR" && !isAppError(cause)
            ? "Internal error"
            : shape.message,
      data: {
        ...data,
        appCode: cause instanceof ZodError ? "INVALID_INPUT" : appCode,
        params: isAppError(cause) ? (cause.params ?? null) : null,
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
      },
    };
  },
});

/** Turns an AppError thrown by a service into the matching tRPC error. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: APP_ERROR_CODES[cause.code], message: cause.message, cause });
  }
  return result;
});

/**
 * Refuses, before any schema or service, raw input that no procedure may receive: text that
 * is not well-formed UTF-16 (lone surrogates) or nesting deeper than any of our inputs.
 */
const wellFormedInput = t.middleware(async ({ getRawInput, next }) => {
  checkInput(await getRawInput());
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

// ─── 3. Procedures ─────────────────────────────────────────────────────────
export const publicProcedure = t.procedure.use(appErrors).use(wellFormedInput);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/**
 * A procedure for callers allowed to do `action`. Roles are read from the database, not
 * the token, so a role granted or withdrawn takes effect at once.
 */
export function roleProcedure(action: TAction) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    const roles: TRole[] = await listRoles(ctx.db, ctx.session.userId);
    if (!can(roles, action)) throw new AppError("FORBIDDEN", "You do not have access to this");
    return next({ ctx: { ...ctx, roles } });
  });
}
