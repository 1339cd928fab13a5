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
import { readdirSync, rmSync, type Dirent } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "../../env";
import { seed } from "../../prisma/seed";
import { DEMO_USERS } from "../../prisma/seed/users";
import { log } from "../log";
import { createKey, createOperator } from "../parking/feed";
import { changes as countChanges, changesByTable, installChangeCounter, written } from "../test/changes";
import { createTestDb, type TTestDb } from "../test/db";
import { BAD_VALUES, leafPaths, procedures, sample, setAt } from "../test/router-walk";
import { createRoutes } from "./routes";

// Uploads are stored in a directory of this file's own, so "nothing stored" can count its files.
const storageDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/quartier-fuzz-${process.pid}-${Date.now()}`;
  process.env.STORAGE_DIR = dir;
  // The feed's per-key limit would answer 429 before the bodies below are even read.
  process.env.PARKING_FEED_PER_MINUTE = "100000";
  return dir;
});

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
/** A parking operator's feed key, so garbage reaches the feed's body parsing. */
let feedKey = "";

const changes = () => countChanges(t);

/** Every file under the upload storage (photos, notice files). */
function storedFiles(dir = storageDir): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? storedFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
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

// ─── Inputs derived from zod schemas (server/test/router-walk.ts) ─────────────
function idFor(key: string): string {
  const model = key.replace(/Ids?$/, "").toLowerCase();
  const pool = ids[model] ?? Object.values(ids).flat();
  return pool[Math.floor(Math.random() * pool.length)] ?? "cnosuchrow000000000000000";
}

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
  const operator = await createOperator(t.db, "Fuzz Parking");
  const admin = await t.db.user.findFirstOrThrow({ where: { roles: { some: { role: "admin" } } } });
  feedKey = (await createKey(t.db, admin.id, { operatorId: operator.id, label: "fuzz" })).key;
  ids.place = (await t.db.parkingPlace.findMany({ select: { id: true }, take: 5 })).map((r) => r.id);
  await installChangeCounter(t);
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
  rmSync(storageDir, { recursive: true, force: true });
});

describe("every procedure, fed mutated input by a caller of its role", () => {
  it("answers 4xx or 2xx, never 5xx, and a refused call writes nothing", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [path, proc] of procedures()) {
      const schema = proc._def.inputs[0];
      const base = schema ? sample(schema, idFor) : undefined;
      // The caller: the first role the procedure does not turn away.
      let cookie = cookies.anonymous;
      for (const role of ["resident", "merchant", "manager", "admin"] as const) {
        const probe = await call(path, proc._def.type, base, cookies[role]);
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
        ...inputs.map(([what, input]): [string, () => Promise<TAnswer>] => [what, () => call(path, proc._def.type, input, cookie)]),
        ...raw.map(([what, body]): [string, () => Promise<TAnswer>] => [what, () => callRaw(path, proc._def.type, body, cookie)]),
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

describe("uploads, the parking feed and the payment webhook, fed garbage", () => {
  const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  const pngHead = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xff, 0xff, 0xff]);
  const pdfHead = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >>\n");
  const multipart = (truncated: boolean) =>
    Buffer.concat([
      Buffer.from(`--fuzzboundary\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpegHead,
      Buffer.from(truncated ? "" : "\r\n--fuzzboundary--\r\n"),
    ]);
  const junk = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + 13) % 256));
  /** Bodies no upload, feed or webhook may accept, with the content type they claim. */
  const bodies: [string, string | Buffer, string][] = [
    ["nothing", "", "application/octet-stream"],
    ["binary junk", junk(64 * 1024), "application/octet-stream"],
    ["binary junk claiming JPEG", junk(4096), "image/jpeg"],
    ["a JPEG header cut short", jpegHead, "image/jpeg"],
    ["a PNG header with absurd dimensions", pngHead, "image/png"],
    ["a PDF header cut short", pdfHead, "application/pdf"],
    ["multipart", multipart(false), "multipart/form-data; boundary=fuzzboundary"],
    ["truncated multipart", multipart(true), "multipart/form-data; boundary=fuzzboundary"],
    ["multipart without a boundary", multipart(false), "multipart/form-data"],
    ["JSON", JSON.stringify({ photo: "data:image/jpeg;base64,/9j/4AAQ" }), "application/json"],
    ["truncated JSON", `{"items":[{"placeId":"`, "application/json"],
    ["text claiming JSON", "hello, world", "application/json"],
    ["form", "a=1&b=2", "application/x-www-form-urlencoded"],
    ["XML", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`, "application/xml"],
    ["unicode", "\u202e\u200d👩‍👩‍👧\u0000\ufffd", "text/plain; charset=utf-8"],
    ["a wrong charset", Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), "application/json; charset=utf-16"],
  ];
  /** Well-formed JSON that no feed may apply: each item is wrong in its own way. */
  const feedBatches: [string, string][] = [
    ["not an object", "42"],
    ["items not a list", JSON.stringify({ items: "all of them" })],
    ["too many items", JSON.stringify({ items: Array.from({ length: 1_001 }, () => ({ placeId: "x", free: 1, observedAt: new Date().toISOString() })) })],
    ["deep nesting", "[".repeat(5000) + "]".repeat(5000)],
    ["prototype keys", `{"__proto__":{"items":[1]},"constructor":{"prototype":{"items":[1]}}}`],
  ];

  it("answers 4xx with a clear error, never 5xx, and stores nothing: no row, no file", async () => {
    const cases: [string, () => Promise<TAnswer>][] = [];
    for (const [name, body, type] of bodies) {
      const headers = { "content-type": type };
      cases.push([`photo: ${name}`, () => send("POST", "/api/uploads/photo", { body, cookie: cookies.resident, headers })]);
      cases.push([`notice file: ${name}`, () => send("POST", `/api/uploads/notice-file?name=${encodeURIComponent("plan.pdf")}`, { body, cookie: cookies.manager, headers })]);
      cases.push([`parking feed: ${name}`, () => send("POST", "/api/parking/occupancy", { body, headers: { ...headers, authorization: `Bearer ${feedKey}` } })]);
      cases.push([`parking feed without a key: ${name}`, () => send("POST", "/api/parking/occupancy", { body, headers })]);
      cases.push([`parking feed with a wrong key: ${name}`, () => send("POST", "/api/parking/occupancy", { body, headers: { ...headers, authorization: "Bearer qpk_not_a_key" } })]);
      cases.push([`webhook: ${name}`, () => send("POST", "/api/payments/webhook/sandbox", { body, headers })]);
    }
    for (const [name, batch] of feedBatches) {
      cases.push([`parking feed: ${name}`, () => send("POST", "/api/parking/occupancy", { body: batch, headers: { authorization: `Bearer ${feedKey}` } })]);
    }
    cases.push(["parking feed: 1 MB", () => send("POST", "/api/parking/occupancy", { chunked: 1024 * 1024, headers: { authorization: `Bearer ${feedKey}`, "content-type": "application/json" } })]);
    cases.push(["parking feed: GET", () => send("GET", "/api/parking/occupancy", { headers: { authorization: `Bearer ${feedKey}` } })]);
    cases.push(["photo: 20 MB", () => send("POST", "/api/uploads/photo", { chunked: 20 * 1024 * 1024, cookie: cookies.resident, headers: { "content-type": "image/jpeg" } })]);
    cases.push(["webhook: 4 MB", () => send("POST", "/api/payments/webhook/sandbox", { chunked: 4 * 1024 * 1024, headers: { "content-type": "application/json" } })]);
    const failures: string[] = [];
    for (const [name, run] of cases) {
      const before = await changesByTable(t);
      const filesBefore = storedFiles().length;
      let answer: TAnswer;
      try {
        answer = await run();
      } catch (e) {
        failures.push(`${name}: no answer (${(e as Error).message})`);
        continue;
      }
      if (answer.status < 400 || answer.status >= 500) failures.push(`${name}: expected a 4xx, got ${answer.status} ${answer.body.slice(0, 200)}`);
      let error: unknown;
      try {
        error = (JSON.parse(answer.body) as { error?: unknown }).error;
      } catch {
        error = undefined;
      }
      if (typeof error !== "string" || error.length === 0) failures.push(`${name}: ${answer.status} without a clear error (${JSON.stringify(answer.body.slice(0, 120))})`);
      // A valid feed key was used, whatever the body: its "last used" time may move (once a minute).
      const tables = written(before, await changesByTable(t), name.startsWith("parking feed: ") ? ["ParkingApiKey"] : []);
      if (tables.length > 0) failures.push(`${name}: refused but wrote rows (${tables.join(", ")})`);
      if (storedFiles().length !== filesBefore) failures.push(`${name}: refused but stored a file`);
      const next = await send("GET", "/api/health").catch((e: Error) => ({ status: 0, body: e.message, socket: undefined }));
      if (next.status !== 200) failures.push(`${name}: the next request on the connection got ${next.status}`);
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(90);
  }, 120_000);
});

describe("afterwards", () => {
  it("nothing reached the error log and nothing was thrown uncaught", () => {
    expect(logged.map((l) => JSON.stringify(l).slice(0, 300))).toEqual([]);
    expect(uncaught).toEqual([]);
  });
});
