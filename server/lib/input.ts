// What every input must be before any schema or service sees it, and the id format.
// - Strings must be well-formed UTF-16: a lone surrogate ("a\ud800b") cannot be sent to the
//   database (Prisma's engine fails to encode it), so it is refused at the edge. So is the
//   NUL character: PostgreSQL's text cannot hold it, and no text of ours needs it.
// - Nesting is bounded: no input of the API is deeper than a few levels.
// `checkInput()` runs on the raw input of every tRPC procedure (server/trpc.ts) and every
// socket event (server/realtime/chat-socket.ts), so a new procedure cannot forget it.
import { z } from "zod";
import { AppError } from "../errors";

export const MAX_INPUT_DEPTH = 12;

/** The first problem in a raw input, as a path and a reason, or null when it is fine. */
export function findInputProblem(value: unknown, path: (string | number)[] = [], depth = 0): { path: string; reason: "malformedText" | "tooDeep" } | null {
  if (depth > MAX_INPUT_DEPTH) return { path: path.join(".") || "input", reason: "tooDeep" };
  if (typeof value === "string") return isSendable(value) ? null : { path: path.join(".") || "input", reason: "malformedText" };
  if (value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findInputProblem(value[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (value instanceof Date) return null;
  for (const key of Object.keys(value)) {
    if (!isSendable(key)) return { path: path.join(".") || "input", reason: "malformedText" };
    const p = findInputProblem((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (p) return p;
  }
  return null;
}

/** Well-formed UTF-16 without NUL: text every database of ours stores as it is. */
const isSendable = (s: string) => s.isWellFormed() && !s.includes("\u0000");

/** Throws INVALID_INPUT for a raw input that no schema of ours may receive. */
export function checkInput(value: unknown) {
  const problem = findInputProblem(value);
  if (!problem) return;
  const what = problem.reason === "tooDeep" ? "is nested too deeply" : "contains malformed text (a lone UTF-16 surrogate or a NUL character)";
  throw new AppError("INVALID_INPUT", `Invalid input: ${problem.path} ${what}`, { field: problem.path, reason: problem.reason });
}

/**
 * Ids are Prisma cuids ("c" and 24 lowercase letters or digits), or UUIDs for chat messages
 * (chat/service.ts makes the id in its INSERT … SELECT). Anything else is INVALID_INPUT
 * before a query runs.
 */
export const ID_PATTERN = /^(?:c[a-z0-9]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const ZId = z.string().regex(ID_PATTERN, { message: "id" });

/** A calendar day, "YYYY-MM-DD", that exists (no 2026-02-30). */
export const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "date" })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: "date" });
