// Chat over socket.io: 500 conversations (a resident and a shop's merchant each), 1,000
// sockets (one per participant, websocket transport), every socket sending through
// `chat:send` at a steady aggregate rate, through the real realtime server
// (createRealtime: session-cookie handshake, per-user rooms, chat service, database) and
// the client the app ships (ChatSession: outbox, acknowledgements, delivered receipts).
// Measured per message: send→ack (stored) and send→delivered at the other participant's
// socket (`chat:message`), and whether each message arrived there exactly once.
// The baseline, measured in the same run at the same rate with the same payloads, is a
// bare socket.io server (same options, no database, no auth) on a second port with its own
// 1,000 connections: it relays each message to the partner socket and acknowledges it.
// Rates: CHAT_BENCH_RATE (default 200 messages/s in total) times each of CHAT_BENCH_LEVELS
// (default 0.25, 1, 2); a level is skipped once a lower one has saturated the chat server.
// Also printed, per message: SQL statements, transactions and their duration, CPU, the
// client's socket requests, event-loop delay (diagnostics for where the time goes).
// After the run the database is checked: every conversation's messages are numbered
// 1..lastSeq without gaps, every message sent is stored once, and as many are stored as
// were acknowledged (an ack later than ChatSession's 5 s timeout is dropped by socket.io;
// the client then learns of the message from its own copy, so such messages are listed).
// Each database is a throwaway one built from the migrations (server/test/db.ts) and
// removed afterwards. Everything runs in this one process (server and clients share the
// event loop, for the baseline as much as for chat). Redis is not used (one instance).
// Not a test: it never fails because a machine is slow, and `npm test` does not run it.
// Usage: npm run bench:chat [-- --db sqlite|postgres|both --rate 200 --seconds 10 --levels 0.25,1,2]
//   (or CHAT_BENCH_RATE, CHAT_BENCH_SECONDS, CHAT_BENCH_LEVELS; --db defaults to sqlite)
// PostgreSQL: TEST_DATABASE_URL, else postgresql://root@127.0.0.1:5432/test; skipped if
// it cannot be reached.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { Sqlite3Client, Sqlite3Transaction } from "@libsql/client/sqlite3";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { ChatSession, newClientId, type TChatSocket } from "../app/_lib/chat/session";
import { env } from "../env";
import type { TChatMessage } from "../server/chat/schema";
import type { Db } from "../server/db";
import { createRealtime } from "../server/realtime/io";
import type { ClientToServerEvents, ServerToClientEvents, TAck } from "../server/realtime/events";
import { log } from "../server/log";
import { createTestDb, type TTestDb } from "../server/test/db";

// The services read the configuration lazily (env()); give it what it needs without
// touching ./data, and keep to one instance (no Redis adapter, plain session cookies).
process.env.AUTH_SECRET ||= "bench-secret-bench-secret-bench-secret-01";
process.env.LOG_LEVEL = "silent";
process.env.REDIS_URL = "";
process.env.PUBLIC_URL = "";

// The logger exists before this module's first line runs: count what the server logs as
// errors (a failed chat handler answers INTERNAL) instead of printing thousands of lines.
const serverErrors = new Map<string, number>();
log.level = "error";
log.error = (obj: unknown) => {
  const err = (obj as { err?: { code?: string; message?: string } } | null)?.err;
  const key = err?.code ?? err?.message?.split("\n")[0]?.slice(0, 60) ?? "error";
  serverErrors.set(key, (serverErrors.get(key) ?? 0) + 1);
};

const arg = (name: string, envName: string | null, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0 && process.argv[i + 1]) return process.argv[i + 1]!;
  return (envName && process.env[envName]) || fallback;
};
const rate = Number(arg("rate", "CHAT_BENCH_RATE", "200"));
const seconds = Number(arg("seconds", "CHAT_BENCH_SECONDS", "10"));
const levels = arg("levels", "CHAT_BENCH_LEVELS", "0.25,1,2").split(",").map(Number).filter((x) => x > 0);
const which = arg("db", null, "sqlite");
const CONVERSATIONS = Number(arg("conversations", null, "500"));
const SOCKETS = CONVERSATIONS * 2;
const WARM_UP_SECONDS = 2; // at the same rate, just before each measurement, not counted
const DRAIN_MS = 15_000; // how long to wait for the next ack or delivery once sending stopped
const MAX_DRAIN_MS = 120_000; // and for all of them
const ACK_TIMEOUT_MS = 5_000; // ChatSession's default: resend (same clientId) after this
const TARGET_P99_MS = 50;
const pgUrl = process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/test";

// ─── Counting SQL statements and timing transactions (diagnostics only) ─────

const sql = { statements: 0, txMs: [] as number[] };
{
  const txStart = new WeakMap<object, number>();
  const c = Sqlite3Client.prototype;
  const t = Sqlite3Transaction.prototype;
  const [cExecute, cBatch, cTransaction, tExecute, tCommit, tRollback] = [c.execute, c.batch, c.transaction, t.execute, t.commit, t.rollback];
  c.execute = function (this: Sqlite3Client, ...a: Parameters<typeof cExecute>) {
    sql.statements++;
    return cExecute.apply(this, a);
  };
  c.batch = function (this: Sqlite3Client, ...a: Parameters<typeof cBatch>) {
    sql.statements += a[0].length + 2;
    return cBatch.apply(this, a);
  };
  c.transaction = async function (this: Sqlite3Client, ...a: Parameters<typeof cTransaction>) {
    const started = performance.now();
    sql.statements++; // BEGIN (server/db.ts's PRAGMAs go through execute)
    const tx = await cTransaction.apply(this, a);
    txStart.set(tx, started);
    return tx;
  };
  t.execute = function (this: Sqlite3Transaction, ...a: Parameters<typeof tExecute>) {
    sql.statements++;
    return tExecute.apply(this, a);
  };
  const end = (original: () => Promise<void>) =>
    async function (this: Sqlite3Transaction) {
      sql.statements++;
      try {
        return await original.call(this);
      } finally {
        const started = txStart.get(this);
        if (started !== undefined) sql.txMs.push(performance.now() - started);
      }
    };
  t.commit = end(tCommit);
  t.rollback = end(tRollback);

  const pgTx = new WeakMap<object, number>();
  const pgQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...a: unknown[]) {
    sql.statements++;
    const first = a[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | null)?.text ?? "");
    if (/^\s*BEGIN/i.test(text)) pgTx.set(this, performance.now());
    else if (/^\s*(COMMIT|ROLLBACK)/i.test(text)) {
      const started = pgTx.get(this);
      if (started !== undefined) sql.txMs.push(performance.now() - started);
      pgTx.delete(this);
    }
    return pgQuery.apply(this, a);
  };
}

// ─── Figures ───────────────────────────────────────────────────────────────

function percentile(sorted: number[], q: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}
type TDist = { p50: number; p95: number; p99: number; max: number; n: number };
function dist(values: number[]): TDist {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99), max: s.at(-1) ?? NaN, n: s.length };
}

/** One message: who sent it to whom, and when what came back. */
type TRecord = {
  from: number;
  to: number;
  sentAt: number;
  measured: boolean;
  ackAt: number | null;
  /** The final refusal (not retried by ChatSession). */
  ackError: string | null;
  ackTimeouts: number;
  /** Answers "INTERNAL" (ChatSession sends again after 1 s). */
  ackInternal: number;
  deliveredAt: number | null;
  deliveries: number;
};

type TRun = {
  server: "chat" | "bare";
  rate: number;
  sent: number;
  acked: number;
  /** Messages delivered per second, from the start of the measurement to the last answer. */
  perSecond: number;
  ack: TDist;
  delivered: TDist;
  deliveredAny: number;
  duplicates: number;
  missed: number;
  ackErrors: Map<string, number>;
  /** Messages whose ack did not come within ACK_TIMEOUT_MS (ChatSession sends them again). */
  ackTimeouts: number;
  /** Messages answered INTERNAL at least once (sent again). */
  ackInternal: number;
  /** What the server logged as errors during the run. */
  serverErrors: Map<string, number>;
  unexpected: number;
  disconnects: number;
  /** How late the load generator's sends went out (its event loop is the server's). */
  sendLagP99: number;
  loopDelayP99: number;
  cpuMsPerMessage: number;
  statementsPerMessage: number;
  tx: TDist;
  txPerMessage: number;
  /** Socket events the clients emitted, per message sent (chat:send includes resends). */
  requestsPerMessage: Map<string, number>;
  /** CPUs the rest of the machine kept busy meanwhile (other processes, PostgreSQL). */
  othersCpu: number;
};

/** A socket of the load: sends through `send`, reports what it receives to `records`. */
type TPeer = { send: (body: string) => string };

/** Bodies of a realistic length, all different. */
const PHRASES = [
  "Bonjour, est-ce que vous livrez encore ce soir au 3e étage ?",
  "Oui, entre 18 h et 20 h, je passe vers 19 h.",
  "Parfait, merci ! Pouvez-vous ajouter une botte de radis ?",
  "C'est noté, il en reste. Le total passe à 23,40 €.",
  "Hello, is the sourdough still available for tomorrow morning?",
  "Yes, I'll keep two loaves aside for you until 9:00.",
];

/** A deterministic shuffle of the senders, so that each socket sends at rate/SOCKETS. */
function senderOrder(n: number) {
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = 0x2545f491;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** What the peers' listeners count besides the records (per server). */
type TCounts = { unexpected: number; disconnects: number; requests: Map<string, number> };
const newCounts = (): TCounts => ({ unexpected: 0, disconnects: 0, requests: new Map() });

/**
 * Sends at `offered` messages/s for WARM_UP_SECONDS (not counted) and then `seconds`,
 * open loop (nobody waits for an answer before sending the next), then waits for the
 * last answers. `records` is filled by the peers' listeners. CPU, SQL statements,
 * transactions, event-loop delay and client requests are counted over the whole load
 * (warm-up and drain included) and given per message sent.
 */
async function load(server: "chat" | "bare", offered: number, peers: TPeer[], records: Map<string, TRecord>, counts: TCounts): Promise<TRun> {
  const order = senderOrder(peers.length);
  const lags: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const cpu = process.cpuUsage();
  const busy = machineBusyMs();
  const statements = sql.statements;
  const requests = new Map(counts.requests);
  const { unexpected, disconnects } = counts;
  const errors0 = new Map(serverErrors);
  sql.txMs = [];
  loop.enable();
  let k = 0;
  const started = performance.now();
  const warmUpEnd = started + WARM_UP_SECONDS * 1000;
  const total = Math.floor((WARM_UP_SECONDS + seconds) * offered);
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(Math.floor(((now - started) / 1000) * offered), total);
      while (k < due) {
        const scheduled = started + (k * 1000) / offered;
        const from = order[k % order.length]!;
        const body = `${PHRASES[k % PHRASES.length]} (#${k})`;
        const sentAt = performance.now();
        const clientId = peers[from]!.send(body);
        const measured = scheduled >= warmUpEnd;
        records.set(clientId, { from, to: from ^ 1, sentAt, measured, ackAt: null, ackError: null, ackTimeouts: 0, ackInternal: 0, deliveredAt: null, deliveries: 0 });
        if (measured) lags.push(sentAt - scheduled);
        k++;
      }
      if (k >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const sendingEnded = performance.now();
  // The last answers: wait while they keep coming (an unanswered send is resent by
  // ChatSession after ACK_TIMEOUT_MS), at most DRAIN_MS after the last progress.
  const isSettled = (r: TRecord) => r.ackError !== null || (r.ackAt !== null && r.deliveries > 0) || (r.ackTimeouts > 0 && r.deliveries > 0);
  let settled = 0;
  let progressAt = performance.now();
  for (;;) {
    const now = [...records.values()].filter(isSettled).length;
    if (now === records.size) break;
    if (now > settled) [settled, progressAt] = [now, performance.now()];
    if (performance.now() - progressAt > DRAIN_MS || performance.now() - sendingEnded > MAX_DRAIN_MS) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 300)); // late duplicates
  loop.disable();
  const used = process.cpuUsage(cpu);
  const othersCpu = (machineBusyMs() - busy - (used.user + used.system) / 1000) / (performance.now() - started);

  const all = [...records.values()];
  const measured = all.filter((r) => r.measured);
  const acked = measured.filter((r) => r.ackAt !== null);
  const ackErrors = new Map<string, number>();
  for (const r of measured) if (r.ackError) ackErrors.set(r.ackError, (ackErrors.get(r.ackError) ?? 0) + 1);
  const lastAnswer = Math.max(sendingEnded, ...measured.map((r) => Math.max(r.ackAt ?? 0, r.deliveredAt ?? 0)));
  const perMessage = (n: number) => n / all.length;
  const requestsPerMessage = new Map([...counts.requests].map(([event, n]) => [event, perMessage(n - (requests.get(event) ?? 0))]));
  return {
    server,
    rate: offered,
    sent: measured.length,
    acked: acked.length,
    perSecond: measured.filter((r) => r.deliveredAt !== null).length / ((lastAnswer - warmUpEnd) / 1000),
    ack: dist(acked.map((r) => r.ackAt! - r.sentAt)),
    delivered: dist(measured.filter((r) => r.deliveredAt !== null).map((r) => r.deliveredAt! - r.sentAt)),
    deliveredAny: measured.filter((r) => r.deliveries > 0).length,
    duplicates: measured.reduce((s, r) => s + Math.max(0, r.deliveries - 1), 0),
    missed: measured.filter((r) => r.deliveries === 0 && !r.ackError).length,
    ackErrors,
    ackTimeouts: measured.filter((r) => r.ackTimeouts > 0).length,
    ackInternal: measured.filter((r) => r.ackInternal > 0).length,
    serverErrors: new Map([...serverErrors].map(([k, n]) => [k, n - (errors0.get(k) ?? 0)] as const).filter(([, n]) => n > 0)),
    unexpected: counts.unexpected - unexpected,
    disconnects: counts.disconnects - disconnects,
    sendLagP99: dist(lags).p99,
    loopDelayP99: loop.count ? loop.percentile(99) / 1e6 : NaN,
    cpuMsPerMessage: perMessage((used.user + used.system) / 1000),
    statementsPerMessage: perMessage(sql.statements - statements),
    tx: dist(sql.txMs),
    txPerMessage: perMessage(sql.txMs.length),
    requestsPerMessage,
    othersCpu,
  };
}

/** Connects `count` sockets, `batch` handshakes at a time. */
async function openSockets(count: number, open: (i: number) => TChatSocket, batch = 50): Promise<TChatSocket[]> {
  const sockets: TChatSocket[] = [];
  for (let i = 0; i < count; i += batch) {
    const part = Array.from({ length: Math.min(batch, count - i) }, (_, j) => open(i + j));
    sockets.push(...part);
    await Promise.all(
      part.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            if (s.connected) return resolve();
            s.once("connect", () => resolve());
            s.once("connect_error", reject);
          }),
      ),
    );
  }
  return sockets;
}

function socketTo(url: string, opts: { cookie?: string; auth?: Record<string, unknown> }): TChatSocket {
  return connect(url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.auth ?? {},
  });
}

function listen(server: HttpServer): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** Every socket's incoming messages, matched to what was sent. */
function watch(sockets: TChatSocket[], getRecords: () => Map<string, TRecord>, counts: TCounts) {
  sockets.forEach((socket, i) => {
    socket.on("chat:message", (m: TChatMessage) => {
      const now = performance.now();
      const r = getRecords().get(m.clientId);
      if (!r) return void counts.unexpected++;
      if (i === r.from) return; // the sender's own copy (chat announces to both users)
      if (i !== r.to) return void counts.unexpected++;
      r.deliveries++;
      r.deliveredAt ??= now;
    });
    socket.on("disconnect", () => void counts.disconnects++);
    socket.onAnyOutgoing((event: string) => void counts.requests.set(event, (counts.requests.get(event) ?? 0) + 1));
  });
}

// ─── The chat server and its clients ───────────────────────────────────────

/** A fixed id in the shape the API accepts (a cuid: "c" and 24 letters or digits), e.g. cbenchconv00…0042. */
const benchId = (kind: string, i: number) => `cbench${kind}${String(i).padStart(24 - 5 - kind.length, "0")}`;

/** 500 residents, 500 merchants with a shop each, one conversation per pair. */
async function populate(db: Db) {
  const residents = Array.from({ length: CONVERSATIONS }, (_, i) => ({ id: benchId("res", i), email: `resident${i}@bench.test`, name: `Résident ${i}`, passwordHash: "-" }));
  const merchants = Array.from({ length: CONVERSATIONS }, (_, i) => ({ id: benchId("mer", i), email: `merchant${i}@bench.test`, name: `Marchand ${i}`, passwordHash: "-" }));
  const chunks = <T>(rows: T[], size = 250) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  for (const part of chunks([...residents, ...merchants])) await db.user.createMany({ data: part });
  const roles = [...residents.map((u) => ({ userId: u.id, role: "resident" })), ...merchants.map((u) => ({ userId: u.id, role: "merchant" }))];
  for (const part of chunks(roles)) await db.userRole.createMany({ data: part });
  const shops = merchants.map((m, i) => ({ id: benchId("shop", i), ownerId: m.id, name: `Boutique ${i}`, category: "grocery", status: "approved" }));
  for (const part of chunks(shops)) await db.shop.createMany({ data: part });
  const conversations = residents.map((r, i) => ({ id: benchId("conv", i), shopId: shops[i]!.id, residentId: r.id }));
  for (const part of chunks(conversations)) await db.conversation.createMany({ data: part });
  // Socket i: even = the resident of conversation i/2, odd = its merchant; partner = i ^ 1.
  return Array.from({ length: SOCKETS }, (_, i) => {
    const c = Math.floor(i / 2);
    const user = i % 2 === 0 ? residents[c]! : merchants[c]!;
    return { user, conversationId: conversations[c]!.id, side: i % 2 === 0 ? ("resident" as const) : ("merchant" as const) };
  });
}

async function cookieFor(user: { id: string; email: string; name: string }, role: string) {
  const token = await encode({ secret: env().authSecret, token: { sub: user.id, email: user.email, name: user.name, roles: [role] } });
  return `next-auth.session-token=${token}`;
}

/** Passes ChatSession's sends through, noting when each is acknowledged (or times out). */
function tapAcks(socket: TChatSocket, onAck: (clientId: string, err: Error | null, res: TAck<unknown> | undefined) => void): TChatSocket {
  return new Proxy(socket, {
    get(target, prop) {
      if (prop === "timeout") {
        return (ms: number) => {
          const timed = target.timeout(ms);
          return {
            emit: (event: string, payload: { clientId: string }, cb: (err: Error | null, res?: TAck<unknown>) => void) => {
              const wrapped =
                event === "chat:send"
                  ? (err: Error | null, res?: TAck<unknown>) => {
                      onAck(payload.clientId, err, res);
                      cb(err, res);
                    }
                  : cb;
              return (timed.emit as (...a: unknown[]) => unknown)(event, payload, wrapped);
            },
          };
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// ─── The bare socket.io relay ──────────────────────────────────────────────

function createBare(server: HttpServer) {
  type TBareData = { peer: number; partner: number };
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, TBareData>(server, {
    path: "/socket.io",
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 }, // as createRealtime
  });
  let id = 0;
  io.use((socket, next) => {
    const { peer, partner } = socket.handshake.auth as { peer?: number; partner?: number };
    if (typeof peer !== "number" || typeof partner !== "number") return next(new Error("UNAUTHENTICATED"));
    socket.data = { peer, partner };
    void socket.join(`peer:${peer}`);
    next();
  });
  io.on("connection", (socket) => {
    socket.on("chat:send", (raw, ack) => {
      const input = raw as { conversationId: string; clientId: string; body: string };
      const message: TChatMessage = {
        id: `bare-${++id}`,
        conversationId: input.conversationId,
        seq: id,
        clientId: input.clientId,
        side: socket.data.peer % 2 === 0 ? "resident" : "merchant",
        body: input.body,
        photo: null,
        order: null,
        createdAt: new Date().toISOString(),
      };
      io.to(`peer:${socket.data.partner}`).emit("chat:message", { ...message, mine: false });
      if (typeof ack === "function") ack({ ok: true, data: { message, isReplay: false } });
    });
  });
  return io;
}

// ─── One database ──────────────────────────────────────────────────────────

type TCheck = { isOk: boolean; text: string };

async function verify(db: Db, sentIds: Set<string>, ackedIds: Set<string>, refused: number): Promise<TCheck> {
  const [conversations, stats, stored] = await Promise.all([
    db.conversation.findMany({ select: { id: true, lastSeq: true } }),
    db.message.groupBy({ by: ["conversationId"], _count: { _all: true }, _min: { seq: true }, _max: { seq: true } }),
    db.message.findMany({ select: { clientId: true } }),
  ]);
  const byId = new Map(stats.map((s) => [s.conversationId, s]));
  let gaps = 0;
  for (const c of conversations) {
    const s = byId.get(c.id);
    const count = s?._count._all ?? 0;
    // (conversationId, seq) is unique: count = lastSeq, min 1 and max lastSeq mean exactly 1..lastSeq.
    if (count !== c.lastSeq || (count > 0 && (s!._min.seq !== 1 || s!._max.seq !== c.lastSeq))) gaps++;
  }
  const storedIds = new Set(stored.map((m) => m.clientId));
  const strangers = [...storedIds].filter((id) => !sentIds.has(id)).length;
  const lost = [...sentIds].filter((id) => !storedIds.has(id)).length;
  const ackedNotStored = [...ackedIds].filter((id) => !storedIds.has(id)).length;
  const storedNotAcked = [...storedIds].filter((id) => !ackedIds.has(id)).length;
  const isOk = gaps === 0 && strangers === 0 && lost === refused && ackedNotStored === 0 && stored.length === storedIds.size;
  return {
    isOk,
    text:
      `${conversations.length} conversations (${conversations.filter((c) => c.lastSeq > 0).length} with messages): seqs 1..lastSeq without gaps: ${gaps === 0 ? "yes" : `NO (${gaps} conversations)`}; ` +
      `sent ${sentIds.size}, stored ${stored.length} ${stored.length === ackedIds.size ? "=" : "≠"} acknowledged ${ackedIds.size}` +
      (storedNotAcked ? ` (${storedNotAcked} stored whose ack came after the ${ACK_TIMEOUT_MS / 1000} s timeout: the client learnt of them from its own copy)` : "") +
      (lost ? `; sent but not stored: ${lost}${refused ? ` (${refused} refused)` : ""}` : "") +
      (ackedNotStored ? `; ACKNOWLEDGED BUT NOT STORED: ${ackedNotStored}` : "") +
      (strangers ? `; STORED BUT NEVER SENT: ${strangers}` : ""),
  };
}

/** CPU time the whole machine has spent busy (ms; Linux), to tell whether others competed. */
function machineBusyMs() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / 100; // USER_HZ
  } catch {
    return NaN;
  }
}

const progress = (kind: string, r: TRun) =>
  process.stderr.write(`  ${kind} ${r.server} ${r.rate}/s: send→delivered p50 ${r.delivered.p50.toFixed(1)} ms, p99 ${r.delivered.p99.toFixed(1)} ms, ${r.deliveredAny}/${r.sent} delivered\n`);

const openFiles = () => {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return NaN;
  }
};

/** Whether a run is past what the server can take (higher rates are then skipped). */
const isSaturated = (r: TRun) => r.perSecond < 0.9 * r.rate || r.ackTimeouts > 0 || r.ackInternal > 0 || r.delivered.p99 > 1_000;

async function bench(kind: "sqlite" | "postgres") {
  process.env.TEST_DB = kind;
  if (kind === "postgres") process.env.TEST_DATABASE_URL = pgUrl;
  const t0 = performance.now();
  const test: TTestDb = await createTestDb();
  const { db } = test;
  const chatHttp = createServer();
  const bareHttp = createServer();
  const realtime = await createRealtime(chatHttp, db, { isDev: false, instance: "bench", chatLimiter: new RateLimiterMemory({ points: 1e9, duration: 10 }) });
  const bareIo = createBare(bareHttp);
  const sessions: ChatSession[] = [];
  let chatSockets: TChatSocket[] = [];
  let bareSockets: TChatSocket[] = [];
  try {
    const chatUrl = await listen(chatHttp);
    const bareUrl = await listen(bareHttp);
    const participants = await populate(db);
    const cookies = await Promise.all(participants.map((p) => cookieFor(p.user, p.side)));

    // Chat: ChatSession on each socket, the ack tapped for the measurement.
    let chatRecords = new Map<string, TRecord>();
    const sentIds = new Set<string>();
    const ackedIds = new Set<string>();
    let refused = 0;
    const chatCounts = newCounts();
    const onAck = (clientId: string, err: Error | null, res: TAck<unknown> | undefined) => {
      const r = chatRecords.get(clientId);
      if (!r || r.ackAt !== null) return;
      if (err || !res) r.ackTimeouts++;
      else if (res.ok) {
        r.ackAt = performance.now();
        ackedIds.add(clientId);
      } else if (res.error.code === "INTERNAL") r.ackInternal++;
      else {
        r.ackError = res.error.code;
        refused++;
      }
    };
    chatSockets = await openSockets(SOCKETS, (i) => socketTo(chatUrl, { cookie: cookies[i] }));
    watch(chatSockets, () => chatRecords, chatCounts);
    for (const [i, socket] of chatSockets.entries()) {
      const p = participants[i]!;
      const session = new ChatSession(tapAcks(socket, onAck), p.conversationId, p.side, { ackTimeoutMs: ACK_TIMEOUT_MS });
      session.start({ messages: [] });
      sessions.push(session);
    }
    await Promise.all(sessions.map((s) => s.sync()));
    const chatPeers: TPeer[] = sessions.map((session) => ({
      send: (body) => {
        const { clientId } = session.send({ body });
        sentIds.add(clientId);
        return clientId;
      },
    }));

    // Bare: its own connections, raw emits with ChatSession's payload and ack timeout.
    let bareRecords = new Map<string, TRecord>();
    const bareCounts = newCounts();
    bareSockets = await openSockets(SOCKETS, (i) => socketTo(bareUrl, { auth: { peer: i, partner: i ^ 1 } }));
    watch(bareSockets, () => bareRecords, bareCounts);
    const barePeers: TPeer[] = bareSockets.map((socket, i) => ({
      send: (body) => {
        const clientId = newClientId();
        const payload = { conversationId: participants[i]!.conversationId, clientId, body, photoId: null, orderId: null };
        socket.timeout(ACK_TIMEOUT_MS).emit("chat:send", payload, (err, res) => {
          const r = bareRecords.get(clientId);
          if (!r || r.ackAt !== null) return;
          if (err) r.ackTimeouts++;
          else if (res.ok) r.ackAt = performance.now();
          else r.ackError = res.error.code;
        });
        return clientId;
      },
    }));
    const setUpSeconds = (performance.now() - t0) / 1000;

    const runs: { bare: TRun; chat: TRun }[] = [];
    const skipped: number[] = [];
    for (const level of levels) {
      if (runs.length && isSaturated(runs.at(-1)!.chat)) {
        skipped.push(rate * level);
        continue;
      }
      bareRecords = new Map();
      const bare = await load("bare", rate * level, barePeers, bareRecords, bareCounts);
      progress(kind, bare);
      chatRecords = new Map();
      const chat = await load("chat", rate * level, chatPeers, chatRecords, chatCounts);
      progress(kind, chat);
      runs.push({ bare, chat });
      // What ChatSession still holds unacknowledged is resent on its own; let it settle.
      await Promise.all(sessions.map((s) => s.drained(DRAIN_MS).catch(() => {})));
    }
    const unanswered = sessions.reduce((s, x) => s + x.outbox.filter((o) => o.status === "sending").length, 0);
    const check = await verify(db, sentIds, ackedIds, refused);
    if (unanswered) check.text += `; ${unanswered} still waiting in ChatSession outboxes`;
    return { kind, setUpSeconds, runs, skipped, check, openFiles: openFiles() };
  } finally {
    for (const s of sessions) s.stop();
    for (const s of [...chatSockets, ...bareSockets]) s.disconnect();
    // Let what the server still has in hand finish before the database goes away.
    for (let last = -1, until = performance.now() + 30_000; last !== sql.statements && performance.now() < until; ) {
      last = sql.statements;
      await new Promise((r) => setTimeout(r, 500));
    }
    await realtime.close();
    await new Promise((r) => void chatHttp.close(r));
    await new Promise((r) => void bareIo.close(r)); // closes bareHttp too
    await test.cleanup();
  }
}

async function pgReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// ─── Main ──────────────────────────────────────────────────────────────────

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");
const four = (d: TDist) => `${fmt(d.p50)} / ${fmt(d.p95)} / ${fmt(d.p99)} / ${fmt(d.max)}`;
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `×${(a / b).toFixed(1)}` : "—");

const kinds: ("sqlite" | "postgres")[] = [];
if (which === "both" || which === "sqlite") kinds.push("sqlite");
if (which === "both" || which === "postgres") {
  if (await pgReachable(pgUrl)) kinds.push("postgres");
  else console.log(`PostgreSQL not reachable at ${pgUrl.replace(/\/\/[^@]*@/, "//…@")}: skipped\n`);
}

console.log(
  `chat over socket.io: ${CONVERSATIONS} conversations, ${SOCKETS} sockets (websocket, one per participant), ` +
    `${levels.map((l) => rate * l).join(", ")} messages/s in total, ${seconds} s each after ${WARM_UP_SECONDS} s of warm-up at the same rate`,
);
console.log(
  `chat: createRealtime (in-memory limiter, no Redis) and a ChatSession per socket (acks, delivered receipts); ` +
    `bare: socket.io relay to the partner socket + ack, no database, same payloads, rate and server options`,
);
console.log(`target: send→delivered p99 ≤ ${TARGET_P99_MS} ms\n`);

const table: string[][] = [
  ["database", "server", "rate/s", "msg/s", "send→ack ms p50 / p95 / p99 / max", "send→delivered ms p50 / p95 / p99 / max", "delivered", "dup", "missed", "errors / target"],
];
const notes: string[] = [];
let isAllOk = true;
for (const kind of kinds) {
  const r = await bench(kind);
  for (const { bare, chat } of r.runs) {
    for (const run of [chat, bare]) {
      const errors = [...run.ackErrors].map(([k, v]) => `${k}×${v}`);
      if (run.ackTimeouts) errors.push(`ack timeout×${run.ackTimeouts}`);
      if (run.ackInternal) errors.push(`INTERNAL×${run.ackInternal}`);
      if (run.unexpected) errors.push(`unexpected×${run.unexpected}`);
      if (run.disconnects) errors.push(`disconnects×${run.disconnects}`);
      table.push([
        kind,
        run.server === "chat" ? "chat (createRealtime)" : "bare socket.io relay",
        String(run.rate),
        fmt(run.perSecond, 0),
        four(run.ack),
        four(run.delivered),
        `${run.deliveredAny}/${run.sent}`,
        String(run.duplicates),
        String(run.missed),
        errors.join(" ") || "0",
      ]);
      isAllOk &&= run.missed === 0 && run.duplicates === 0 && run.unexpected === 0;
    }
    table.push([
      kind,
      "  chat ÷ bare",
      String(chat.rate),
      "",
      `p50 ${ratio(chat.ack.p50, bare.ack.p50)}, p99 ${ratio(chat.ack.p99, bare.ack.p99)}`,
      `p50 ${ratio(chat.delivered.p50, bare.delivered.p50)}, p99 ${ratio(chat.delivered.p99, bare.delivered.p99)}`,
      "",
      "",
      "",
      `p99 ≤ ${TARGET_P99_MS} ms: ${chat.delivered.p99 <= TARGET_P99_MS ? "yes" : "NO"}${isSaturated(chat) ? " (saturated)" : ""}`,
    ]);
    const requests = [...chat.requestsPerMessage].map(([event, n]) => `${event} ${fmt(n, 2)}`).join(", ");
    const logged = [...chat.serverErrors].map(([k, n]) => `${k}×${n}`).join(", ");
    notes.push(
      `${kind} @ ${chat.rate}/s, per message sent (warm-up and drain included): chat ${fmt(chat.statementsPerMessage)} SQL statements, ` +
        `${fmt(chat.txPerMessage, 2)} transactions (BEGIN→COMMIT p50 ${fmt(chat.tx.p50)} ms, p99 ${fmt(chat.tx.p99)} ms), ` +
        `CPU ${fmt(chat.cpuMsPerMessage, 2)} ms (bare ${fmt(bare.cpuMsPerMessage, 2)}); client requests: ${requests}; ` +
        `event-loop delay p99 ${fmt(chat.loopDelayP99)} ms (bare ${fmt(bare.loopDelayP99)}), send lag p99 ${fmt(chat.sendLagP99)} ms (bare ${fmt(bare.sendLagP99)})` +
        `; other processes (PostgreSQL included) used ${fmt(chat.othersCpu, 2)} CPU meanwhile (bare ${fmt(bare.othersCpu, 2)})` +
        (logged ? `; server errors logged: ${logged}` : ""),
    );
  }
  if (r.skipped.length) notes.push(`${kind}: ${r.skipped.join(", ")} messages/s skipped (the server was saturated at a lower rate)`);
  notes.push(`${kind}: ${r.check.text}; set-up ${r.setUpSeconds.toFixed(1)} s; open file descriptors before clean-up ${r.openFiles}`);
  isAllOk &&= r.check.isOk;
}
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
for (const [i, r] of table.entries()) {
  console.log(r.map((cell, c) => (c < 2 || c === 9 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("   ").trimEnd());
  if (i === 0) console.log(widths.map((w) => "─".repeat(w)).join("   "));
}
console.log(
  `\nmsg/s: delivered per second; delivered: messages that reached the other participant's socket / messages sent; ` +
    `dup: extra copies there; missed: never arrived. Server and clients share this process (and its CPU).`,
);
console.log(`\n${notes.join("\n")}`);
if (!isAllOk) {
  console.error("\nA MESSAGE WAS LOST OR DUPLICATED, OR THE DATABASE CHECK FAILED (see above)");
  process.exitCode = 1;
}
