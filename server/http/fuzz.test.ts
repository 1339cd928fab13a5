// Bad input never breaks a request (issue 17). Every procedure of the router, found by
// walking it (so a new one cannot be forgotten), is called over HTTP exactly as the
// browser calls it, on the demo neighbourhood, as a caller of the role it is for, with
// inputs derived from its zod schema and then mutated: wrong types, 1 MB strings, lone
// surrogates, NaN, negative and fractional numbers, deep nesting, extra fields, SQL and
// HTML. The answer is never a 5xx, and a refused call changes no row (triggers count every
// written row). The raw endpoints get garbage bodies and paths, and a keep-alive connection
// must stay usable after each refusal. Nothing may reach the error log.
import { createServer, Agent, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ZodType } from "zod";
import { env } from "../../env";
import { seed } from "../../prisma/seed";
import { DEMO_USERS } from "../../prisma/seed/users";
import { log } from "../log";
import { appRouter } from "../root";
import { createTestDb, type TTestDb } from "../test/db";
import { ID_PATTERN } from "../lib/input";
import { createRoutes } from "./routes";

let t: TTestDb;
let server: Server;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const logged: unknown[] = [];
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

type TRoleKey = "resident" | "merchant" | "manager" | "admin" | "anonymous";
const cookies: Record<TRoleKey, string> = { resident: "", merchant: "", manager: "", admin: "", anonymous: "" };
/** Real ids from the demo data, by model, so derived inputs reach deep into the services. */
const ids: Record<string, string[]> = {};

async function changes(): Promise<number> {
  const rows = await t.db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT n FROM fuzz_changes`);
  return Number(rows[0]!.n);
}

/** Counts every row written to any table, so "changed nothing" is one cheap read. */
async function installChangeCounter() {
  const tables =
    t.kind === "sqlite"
      ? (await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'`)).map((r) => r.name)
      : (await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '_prisma%'`)).map((r) => r.name);
  const counted = tables.filter((name) => name !== "JobLease");
  await t.db.$executeRawUnsafe(`CREATE TABLE fuzz_changes (n INTEGER NOT NULL)`);
  await t.db.$executeRawUnsafe(`INSERT INTO fuzz_changes (n) VALUES (0)`);
  if (t.kind === "postgres") {
    await t.db.$executeRawUnsafe(`CREATE FUNCTION fuzz_bump() RETURNS trigger AS $$ BEGIN UPDATE fuzz_changes SET n = n + 1; RETURN NULL; END $$ LANGUAGE plpgsql`);
  }
  for (const table of counted) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      await t.db.$executeRawUnsafe(
        t.kind === "sqlite"
          ? `CREATE TRIGGER "fuzz_${table}_${op}" AFTER ${op} ON "${table}" BEGIN UPDATE fuzz_changes SET n = n + 1; END`
          : `CREATE TRIGGER "fuzz_${table}_${op}" AFTER ${op} ON "${table}" FOR EACH ROW EXECUTE FUNCTION fuzz_bump()`,
      );
    }
  }
  return counted.length;
}

type TAnswer = { status: number; body: string; socket: number | undefined };

function send(method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string>; cookie?: string; chunked?: number } = {}): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (typeof opts.body === "string") headers["content-type"] ??= "application/json";
    if (opts.body !== undefined) headers["content-length"] = String(Buffer.byteLength(opts.body));
    const req = request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), socket: req.socket?.localPort }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${method} ${path.slice(0, 80)} within 15 s`)));
    req.on("error", reject);
    if (opts.chunked) {
      const chunk = Buffer.alloc(64 * 1024, 0x5a);
      let sent = 0;
      const write = () => {
        while (sent < opts.chunked!) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        req.end();
      };
      write();
    } else req.end(opts.body);
  });
}

// ─── Inputs derived from zod schemas ─────────────────────────────────────────
type TDef = { type: string; [k: string]: unknown };
const defOf = (s: unknown): TDef => (s as { _zod: { def: TDef } })._zod.def;

function idFor(key: string): string {
  const model = key.replace(/Ids?$/, "").toLowerCase();
  const pool = ids[model] ?? Object.values(ids).flat();
  return pool[Math.floor(Math.random() * pool.length)] ?? "cnosuchrow000000000000000";
}

/** A value that roughly satisfies the schema (ids are real ones), to be mutated. */
function sample(schema: unknown, key = "", depth = 0): unknown {
  const d = defOf(schema);
  if (depth > 8) return undefined;
  switch (d.type) {
    case "object": {
      const shape = d.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, sample(v, k, depth + 1)]).filter(([, v]) => v !== undefined));
    }
    case "array":
      return [sample(d.element, key, depth + 1)];
    case "string": {
      const checks = ((d.checks as { _zod: { def: { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number } } }[] | undefined) ?? []).map((c) => c._zod.def);
      const regex = checks.find((c) => c.format === "regex")?.pattern;
      if (regex && regex.source === ID_PATTERN.source) return idFor(key);
      if (key === "idempotencyKey" || key === "clientId") return `fuzz-${Math.random().toString(36).slice(2, 14)}`;
      if (d.format === "email" || checks.some((c) => c.format === "email")) return `fuzz-${Math.random().toString(36).slice(2, 10)}@example.test`;
      if (key === "timeZone") return "Europe/Paris";
      if (regex?.source.includes("\\d{4}-\\d{2}-\\d{2}")) return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      if (regex?.source.includes("[01]\\d|2[0-3]") || key === "opens" || key === "starts") return key === "closes" || key === "ends" ? "20:00" : "08:00";
      if (key === "closes" || key === "ends") return "20:00";
      if (regex) return fc.sample(fc.stringMatching(regex), 1)[0];
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
      return sample(d.innerType, key, depth);
    case "union":
      return sample((d.options as unknown[])[0], key, depth);
    case "pipe":
      return sample(d.in, key, depth);
    case "transform":
      return "Bonjour";
    case "record":
      return {};
    case "tuple":
      return (d.items as unknown[]).map((i) => sample(i, key, depth + 1));
    default:
      return null;
  }
}

const deep = (n: number): unknown => (n === 0 ? "bottom" : { a: [deep(n - 1)] });
const BAD_VALUES: [string, unknown][] = [
  ["null", null],
  ["number", 42],
  ["string", "text"],
  ["boolean", true],
  ["array", [1, "two", null]],
  ["object", { unexpected: "shape" }],
  ["1 MB string", "x".repeat(1_000_000)],
  ["lone high surrogate", "a\ud800b"],
  ["lone low surrogate", "\udc00"],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["negative", -1],
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
function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== "object" || value instanceof Date) return [path];
  const children = Array.isArray(value) ? value.map((v, i) => leafPaths(v, [...path, String(i)])) : Object.entries(value).map(([k, v]) => leafPaths(v, [...path, k]));
  return [path, ...children.flat()];
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path;
  (copy as Record<string, unknown>)[head!] = setAt((copy as Record<string, unknown>)[head!], rest, replacement);
  return copy;
}

type TProcedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: ZodType[] } };
const procedures = () => Object.entries(appRouter._def.procedures as unknown as Record<string, TProcedure>).filter(([, p]) => p._def.type !== "subscription");

function call(path: string, type: "query" | "mutation", input: unknown, cookie: string): Promise<TAnswer> {
  let serialized: string;
  try {
    serialized = JSON.stringify(superjson.serialize(input));
  } catch {
    // superjson will not send some keys ("prototype", "constructor"): send them by hand.
    serialized = JSON.stringify({ json: input });
  }
  return type === "query" ? send("GET", `/api/trpc/${path}?input=${encodeURIComponent(serialized)}`, { cookie }) : send("POST", `/api/trpc/${path}`, { body: serialized, cookie });
}

function callRaw(path: string, type: "query" | "mutation", body: string, cookie: string): Promise<TAnswer> {
  return type === "query" ? send("GET", `/api/trpc/${path}?input=${encodeURIComponent(body)}`, { cookie }) : send("POST", `/api/trpc/${path}`, { body, cookie });
}

const appCodeOf = (a: TAnswer) => {
  try {
    return (JSON.parse(a.body) as { error?: { json?: { data?: { appCode?: string | null; code?: string } } } }).error?.json?.data ?? null;
  } catch {
    return null;
  }
};

beforeAll(async () => {
  t = await createTestDb();
  await seed(t.db);
  for (const model of ["building", "unit", "bill", "shop", "product", "order", "conversation", "message", "messageReport", "photo", "membership", "inviteCode", "notification", "qrPayment", "deliveryWindow", "ledgerTransaction"] as const) {
    const rows = await (t.db[model] as unknown as { findMany: (a: object) => Promise<{ id: string }[]> }).findMany({ select: { id: true }, take: 20 });
    ids[model.toLowerCase()] = rows.map((r) => r.id);
  }
  ids.window = ids.deliverywindow!;
  ids.report = ids.messagereport!;
  ids.qr = ids.qrpayment!;
  ids.transaction = ids.ledgertransaction!;
  ids.receipt = ids.ledgertransaction!;
  for (const key of ["resident", "merchant", "manager", "admin"] as const) {
    const email = DEMO_USERS.find((u) => u.key === key)?.email ?? `${key}@quartier.test`;
    const user = await t.db.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    const token = await encode({ secret: env().authSecret, token: { sub: user.id, email: user.email, name: user.name, roles: user.roles.map((r) => r.role) } });
    cookies[key] = `next-auth.session-token=${token}`;
  }
  await installChangeCounter();
  vi.spyOn(log, "error").mockImplementation(((...args: unknown[]) => void logged.push(args)));
  vi.spyOn(console, "error").mockImplementation(((...args: unknown[]) => void logged.push(args)) as never);
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  server = createServer(
    createRoutes({ db: t.db, dbKind: t.kind, instance: "fuzz", trustProxy: false, isShuttingDown: () => false, handleNext: async (_req, res) => void res.writeHead(404).end() }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
}, 180_000);

afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
  vi.restoreAllMocks();
  agent.destroy();
  if (server) await new Promise((r) => server.close(r));
  await t?.cleanup();
});

describe("every procedure, fed mutated input by a caller of its role", () => {
  it("answers 4xx or 2xx, never 5xx, and a refused call writes nothing", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [path, proc] of procedures()) {
      const schema = proc._def.inputs[0];
      const base = schema ? sample(schema) : undefined;
      // The caller: the first role the procedure does not turn away.
      let cookie = cookies.anonymous;
      for (const role of ["resident", "merchant", "manager", "admin"] as const) {
        const probe = await call(path, proc._def.type as "query" | "mutation", base, cookies[role]);
        const code = appCodeOf(probe)?.appCode;
        if (code !== "FORBIDDEN" && code !== "UNAUTHENTICATED") {
          cookie = cookies[role];
          break;
        }
      }
      if (process.env.FUZZ_DEBUG && schema) {
        const r = (schema).safeParse(base);
        if (!r.success) console.log(path, JSON.stringify(base).slice(0, 200), r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      }
      const inputs: [string, unknown][] = [["as derived", base], ["undefined", undefined]];
      for (const leaf of leafPaths(base)) for (const [name, bad] of BAD_VALUES) inputs.push([`${leaf.join(".") || "input"} = ${name}`, setAt(base, leaf, bad)]);
      if (base && typeof base === "object" && !Array.isArray(base)) inputs.push(["extra fields", { ...base, extra: "field", isAdmin: true }]);
      inputs.push(...fc.sample(fc.anything({ withNullPrototype: false, maxDepth: 4 }), 8).map((v, i): [string, unknown] => [`random ${i}`, v]));
      // What superjson itself refuses to send, a hostile client sends by hand.
      const raw: [string, string][] = [
        ["prototype keys", `{"json":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}}`],
        ["not superjson", `{"id":1}`],
        ["bad superjson meta", `{"json":{"a":1},"meta":{"values":{"a":["bigint"]}}}`],
        ["escaped lone surrogate", `{"json":{"id":"\\ud800","name":"\\udfff"}}`],
      ];
      const calls_: [string, () => Promise<TAnswer>][] = [
        ...inputs.map(([what, input]): [string, () => Promise<TAnswer>] => [what, () => call(path, proc._def.type as "query" | "mutation", input, cookie)]),
        ...raw.map(([what, body]): [string, () => Promise<TAnswer>] => [what, () => callRaw(path, proc._def.type as "query" | "mutation", body, cookie)]),
      ];
      for (const [what, run] of calls_) {
        const before = await changes();
        const answer = await run();
        calls++;
        if (answer.status >= 500) failures.push(`${path} (${what}): ${answer.status} ${answer.body.slice(0, 200)}`);
        else if (answer.status >= 400) {
          const after = await changes();
          if (after !== before) failures.push(`${path} (${what}): refused with ${answer.status} but wrote ${after - before} row(s)`);
        }
      }
    }
    expect(failures, `${failures.length} bad answers in ${calls} calls`).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  }, 600_000);
});

describe("raw endpoints", () => {
  const garbage: [string, string | Buffer][] = [
    ["empty", ""],
    ["json", `{"a":`],
    ["binary", Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0xdc])],
    ["surrogate json", `{"providerRef":"a\\ud800b","status":"succeeded"}`],
    ["html", `<script>alert(1)</script>`],
  ];

  // After a refusal the server either drains the body and keeps the connection, or closes
  // it once the answer is sent; either way the client's next request is answered.
  it("answer garbage bodies and paths with 4xx, and the next request is answered after each", async () => {
    const cases: [string, () => Promise<TAnswer>][] = [];
    for (const [name, body] of garbage) {
      cases.push([`upload ${name}`, () => send("POST", "/api/uploads/photo", { body, cookie: cookies.resident, headers: { "content-type": "image/jpeg" } })]);
      cases.push([`upload ${name} signed out`, () => send("POST", "/api/uploads/photo", { body })]);
      cases.push([`notice file ${name}`, () => send("POST", `/api/uploads/notice-file?name=${encodeURIComponent("../x\u0000.pdf")}`, { body, cookie: cookies.manager })]);
      cases.push([`notice file ${name} as a resident`, () => send("POST", "/api/uploads/notice-file", { body, cookie: cookies.resident })]);
      cases.push([`webhook ${name}`, () => send("POST", "/api/payments/webhook/sandbox", { body, headers: { "x-sandbox-signature": "nope" } })]);
      cases.push([`webhook unknown provider ${name}`, () => send("POST", "/api/payments/webhook/nobody", { body })]);
    }
    cases.push(["upload 6 MB chunked", () => send("POST", "/api/uploads/photo", { chunked: 6 * 1024 * 1024, cookie: cookies.resident })]);
    cases.push(["upload 6 MB chunked signed out", () => send("POST", "/api/uploads/photo", { chunked: 6 * 1024 * 1024 })]);
    cases.push(["upload with GET", () => send("GET", "/api/uploads/photo", { cookie: cookies.resident })]);
    cases.push(["notice file 6 MB chunked", () => send("POST", "/api/uploads/notice-file", { chunked: 6 * 1024 * 1024, cookie: cookies.manager })]);
    cases.push(["notice file someone else's", () => send("GET", "/media/notice-files/cnosuchrow000000000000000", { cookie: cookies.resident })]);
    cases.push(["webhook 1 MB", () => send("POST", "/api/payments/webhook/sandbox", { chunked: 1024 * 1024 })]);
    cases.push(["trpc 4 MB body", () => send("POST", "/api/trpc/notifications.markRead", { chunked: 4 * 1024 * 1024, cookie: cookies.resident, headers: { "content-type": "application/json" } })]);
    for (const path of ["/api/trpc/%E0%A4%A", "/api/payments/webhook/%E0%A4%A", "/api/auth/%E0%A4%A", "/media/photos/%E0%A4%A", "/media/notice-files/%E0%A4%A", "/media/notice-files/../../etc/passwd", "/api/trpc/nope.nope", "/api/trpc/", "/media/photos/../../etc/passwd", "/media/photos/%2e%2e%2fetc%2fpasswd.webp", "/api/health?%E0%A4%A"]) {
      cases.push([`GET ${path}`, () => send("GET", path)]);
      cases.push([`POST ${path}`, () => send("POST", path, { body: "{}" })]);
    }
    for (const method of ["PUT", "DELETE", "PATCH"]) cases.push([`${method} /api/health`, () => send(method, "/api/health", { body: "x" })]);
    const failures: string[] = [];
    for (const [name, run] of cases) {
      const before = await changes();
      let answer: TAnswer;
      const started = performance.now();
      try {
        answer = await run();
        if (process.env.FUZZ_DEBUG) console.log(name, answer.status, Math.round(performance.now() - started), "ms");
      } catch (e) {
        failures.push(`${name}: no answer (${(e as Error).message})`);
        continue;
      }
      if (answer.status >= 500) failures.push(`${name}: ${answer.status} ${answer.body.slice(0, 200)}`);
      if (answer.status >= 400 && (await changes()) !== before) failures.push(`${name}: refused but wrote rows`);
      const next = await send("GET", "/api/health").catch((e: Error) => ({ status: 0, body: e.message, socket: undefined }));
      if (next.status !== 200) failures.push(`${name}: the next request on the connection got ${next.status}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe("afterwards", () => {
  it("nothing reached the error log and nothing was thrown uncaught", () => {
    expect(logged.map((l) => JSON.stringify(l).slice(0, 300))).toEqual([]);
    expect(uncaught).toEqual([]);
  });
});
