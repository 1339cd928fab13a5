// Walking the router for the suite's generated tests (server/http/fuzz.test.ts,
// server/http/access-matrix.test.ts): every procedure, found from `appRouter` itself so a new
// one cannot be forgotten; inputs derived from a procedure's zod schema; the mutations fuzzing
// applies to them.
import fc from "fast-check";
import type { ZodType } from "zod";
import { ID_PATTERN } from "../lib/input";
import { appRouter } from "../root";

export type TProcedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: ZodType[] } };

/** Every query and mutation of the router, by its dotted path (subscriptions have no HTTP face). */
export function procedures(): [string, TProcedure & { _def: { type: "query" | "mutation" } }][] {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, TProcedure>).filter(
    (entry): entry is [string, TProcedure & { _def: { type: "query" | "mutation" } }] => entry[1]._def.type !== "subscription",
  );
}

type TDef = { type: string; [k: string]: unknown };
const defOf = (s: unknown): TDef => (s as { _zod: { def: TDef } })._zod.def;

/** Picks the id for an id field named `key` ("shopId", "id", "billIds"…). */
export type TIdFor = (key: string) => string;

/**
 * A value that roughly satisfies the schema, to be mutated or overridden. Id fields get
 * `idFor(fieldName)`, so callers choose whose rows an input names.
 */
export function sample(schema: unknown, idFor: TIdFor, key = "", depth = 0): unknown {
  const d = defOf(schema);
  if (depth > 8) return undefined;
  switch (d.type) {
    case "object": {
      const shape = d.shape as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(shape)
          .map(([k, v]) => [k, sample(v, idFor, k, depth + 1)])
          .filter(([, v]) => v !== undefined),
      );
    }
    case "array":
      return [sample(d.element, idFor, key, depth + 1)];
    case "string": {
      const checks = ((d.checks as { _zod: { def: { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number } } }[] | undefined) ?? []).map((c) => c._zod.def);
      const regex = checks.find((c) => c.format === "regex")?.pattern;
      if (regex && regex.source === ID_PATTERN.source) return idFor(key);
      if (key === "idempotencyKey" || key === "clientId") return `walk-${Math.random().toString(36).slice(2, 14)}`;
      if (d.format === "email" || checks.some((c) => c.format === "email")) return `walk-${Math.random().toString(36).slice(2, 10)}@example.test`;
      if (key === "timeZone") return "Europe/Paris";
      if (regex?.source.includes("\\d{4}-\\d{2}-\\d{2}")) return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      if (regex?.source.includes("[01]\\d|2[0-3]") || key === "opens" || key === "starts") return key === "closes" || key === "ends" ? "20:00" : "08:00";
      if (key === "closes" || key === "ends") return "20:00";
      // A string that passes the whole field (trim, length), not only its pattern, drawn
      // from a fixed seed so that every run walks the same inputs.
      if (regex) return fc.sample(fc.stringMatching(regex).filter((s) => (schema as { safeParse(v: unknown): { success: boolean } }).safeParse(s).success), { numRuns: 1, seed: 1 })[0];
      const min = Math.max(0, ...checks.filter((c) => c.check === "min_length").map((c) => c.minimum ?? 0));
      const max = Math.min(200, ...checks.filter((c) => c.check === "max_length").map((c) => c.maximum ?? 200));
      return "Bonjour 12".padEnd(min, "x").slice(0, Math.max(max, 1));
    }
    case "number": {
      const checks = ((d.checks as { _zod: { def: { check: string; value?: number } } }[] | undefined) ?? []).map((c) => c._zod.def);
      const low = Math.max(-Infinity, ...checks.filter((c) => c.check === "greater_than").map((c) => c.value ?? -Infinity));
      const high = Math.min(Infinity, ...checks.filter((c) => c.check === "less_than").map((c) => c.value ?? Infinity));
      if (low <= 100 && high >= 100) return 100;
      return Number.isFinite(low) ? Math.ceil(low) + (Number.isFinite(high) && Math.ceil(low) >= high ? 0 : 1) - 1 + (low === Math.ceil(low) ? 1 : 0) - 1 + 1 : Math.floor(high) - 1;
    }
    case "void":
    case "undefined":
      return undefined;
    case "boolean":
      return true;
    case "date":
      return new Date();
    case "enum":
      return Object.values(d.entries as Record<string, string>)[0];
    case "literal":
      return (d.values as unknown[])[0];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return sample(d.innerType, idFor, key, depth);
    case "union":
      return sample((d.options as unknown[])[0], idFor, key, depth);
    case "pipe":
      return sample(d.in, idFor, key, depth);
    case "transform":
      return "Bonjour";
    case "record":
      return {};
    case "tuple":
      return (d.items as unknown[]).map((i) => sample(i, idFor, key, depth + 1));
    default:
      return null;
  }
}

const deep = (n: number): unknown => (n === 0 ? "bottom" : { a: [deep(n - 1)] });

/** What fuzzing puts in place of a leaf of a derived input, by name. */
export const BAD_VALUES: [string, unknown][] = [
  ["null", null],
  ["number", 42],
  ["string", "text"],
  ["boolean", true],
  ["array", [1, "two", null]],
  ["object", { unexpected: "shape" }],
  ["1 MB string", "x".repeat(1_000_000)],
  ["lone high surrogate", "a\ud800b"],
  ["lone low surrogate", "\udc00"],
  ["unicode (RTL override, zero-width joiner, emoji, combining marks)", "\u202egnp.exe\u200d👩‍👩‍👧e\u0301\u0000"],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["negative", -1],
  ["large negative amount", -100_000_00],
  ["fraction", 0.5],
  ["negative fraction", -12.34],
  ["huge number", 1e21],
  ["unsafe integer", Number.MAX_SAFE_INTEGER + 2],
  ["invalid date", new Date(Number.NaN)],
  ["deep nesting", deep(60)],
  ["SQL", `'; DROP TABLE "User"; --`],
  ["HTML", `<img src=x onerror="alert(1)"><script>alert(2)</script>`],
];

/** The paths of an input's leaves (and of the input itself). */
export function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== "object" || value instanceof Date) return [path];
  const children = Array.isArray(value) ? value.map((v, i) => leafPaths(v, [...path, String(i)])) : Object.entries(value).map(([k, v]) => leafPaths(v, [...path, k]));
  return [path, ...children.flat()];
}

/** A copy of `value` with the leaf at `path` replaced. */
export function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path;
  (copy as Record<string, unknown>)[head!] = setAt((copy as Record<string, unknown>)[head!], rest, replacement);
  return copy;
}
