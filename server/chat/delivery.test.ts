// Delivery guarantees with real socket.io clients against real servers, driven by the same
// ChatSession the browser runs: while both sides send, connections are cut again and
// again (from either end), the server restarts, and clients bounce between two instances
// sharing Redis. Every message must arrive exactly once and in order on both sides.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createClient, type RedisClientType } from "redis";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatSession, type TChatSocket } from "~/app/_lib/chat/session";
import type { TRealtimeOptions } from "../realtime/io";
import { createTestDb, type TTestDb } from "../test/db";
import { makeChat } from "../test/chat";
import { makeUser } from "../test/factories";
import { sessionCookie, startRealtime, type TTestRealtime } from "../test/realtime";

let t: TTestDb;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const fn of cleanups.reverse()) await fn();
  await t.cleanup();
});

const unlimited = () => new RateLimiterMemory({ points: 1_000_000, duration: 10 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type TInstance = TTestRealtime;

const startInstance = (port = 0, opts: Partial<TRealtimeOptions> = {}): Promise<TInstance> =>
  startRealtime(t.db, { instance: `test:${port}`, chatLimiter: unlimited(), ...opts }, port);
const stopInstance = (i: TInstance) => i.close();
const cookieFor = (user: { id: string; email: string; name: string }) => sessionCookie(user, { roles: [] });

function client(port: number, cookie: string | null, reconnection = true): TChatSocket {
  const socket: TChatSocket = connect(`http://127.0.0.1:${port}`, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: cookie ? { cookie } : {},
    reconnection,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    randomizationFactor: 0,
  });
  cleanups.push(() => void socket.disconnect());
  return socket;
}

const connected = (s: TChatSocket) =>
  new Promise<void>((resolve, reject) => {
    if (s.connected) return resolve();
    s.once("connect", () => resolve());
    s.once("connect_error", reject);
  });

async function poll(check: () => boolean, what: () => string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting: ${what()}`);
    await sleep(20);
  }
}

/** Cuts a connection the way a network drop does (the client then reconnects by itself). */
function cut(s: TChatSocket, fromServer: TInstance[] | null) {
  if (!s.connected) return false;
  if (fromServer) {
    for (const i of fromServer) {
      const serverSide = i.realtime.io.of("/").sockets.get(s.id!);
      if (serverSide) {
        serverSide.conn.close();
        return true;
      }
    }
  }
  s.io.engine.close();
  return true;
}

/**
 * Both sides send `n` messages each, paced at random, while `disrupt` runs; then every
 * message must be on both sides exactly once, in order, and stored once.
 */
async function exchange(conversationId: string, r: TChatSocket, m: TChatSocket, n: number, disrupt: () => Promise<void>) {
  await Promise.all([connected(r), connected(m)]);
  const resident = new ChatSession(r, conversationId, "resident", {});
  const merchant = new ChatSession(m, conversationId, "merchant", {});
  const before = await t.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const start = await t.db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" }, include: { conversation: { select: { residentId: true } } } });
  const initial = start.map((x) => ({
    id: x.id,
    conversationId,
    seq: x.seq,
    clientId: x.clientId,
    side: x.senderId === x.conversation.residentId ? ("resident" as const) : ("merchant" as const),
    body: x.body,
    photo: null,
    order: null,
    createdAt: x.createdAt.toISOString(),
  }));
  resident.start({ messages: initial });
  merchant.start({ messages: initial });
  const tag = randomBytes(3).toString("hex");

  const sending = (async () => {
    for (let i = 0; i < n; i++) {
      resident.send({ body: `r${tag}-${i}` });
      merchant.send({ body: `m${tag}-${i}` });
      await sleep(Math.random() * 12);
    }
  })();
  await Promise.all([sending, disrupt()]);
  await Promise.all([resident.drained(60_000), merchant.drained(60_000)]);

  const total = before.lastSeq + 2 * n;
  for (const s of [resident, merchant]) {
    await poll(
      () => s.syncedTo === total && s.messages.length === total,
      () => `${s.side}: syncedTo ${s.syncedTo}, holds ${s.messages.length} of ${total}`,
    );
  }
  for (const s of [resident, merchant]) {
    const seqs = s.messages.map((x) => x.seq);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const mine = (p: string) => s.messages.filter((x) => x.body.startsWith(`${p}${tag}-`)).map((x) => x.body);
    // One sender's messages keep the order they were written in.
    expect(mine("r")).toEqual(Array.from({ length: n }, (_, i) => `r${tag}-${i}`));
    expect(mine("m")).toEqual(Array.from({ length: n }, (_, i) => `m${tag}-${i}`));
    expect(s.outbox).toEqual([]);
  }
  const stored = await t.db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" }, select: { seq: true, body: true } });
  expect(stored.map((x) => x.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(new Set(stored.map((x) => x.body)).size).toBe(total);
  resident.stop();
  merchant.stop();
  return { duplicatesSeen: resident.duplicatesSeen + merchant.duplicatesSeen };
}

describe("chat delivery over socket.io", () => {
  it("delivers every message exactly once, in order, through 100 forced disconnects", async () => {
    // Without socket.io's own recovery, so that only the chat protocol can make up for
    // what a cut socket missed.
    const inst = await startInstance(0, { recovery: false });
    cleanups.push(() => stopInstance(inst));
    const c = await makeChat(t.db);
    const r = client(inst.port, await cookieFor(c.resident));
    const m = client(inst.port, await cookieFor(c.merchant));
    let cuts = 0;
    const { duplicatesSeen } = await exchange(c.conversation.id, r, m, 150, async () => {
      while (cuts < 100) {
        await sleep(8 + Math.random() * 16);
        const target = Math.random() < 0.5 ? r : m;
        if (cut(target, Math.random() < 0.5 ? [inst] : null)) cuts++;
      }
    });
    expect(cuts).toBe(100);
    // Resyncs overlap with live events now and then; the client keeps one of each.
    expect(duplicatesSeen).toBeGreaterThanOrEqual(0);
  }, 90_000);

  it("loses nothing across a server restart while both sides keep sending", async () => {
    let inst = await startInstance();
    const port = inst.port;
    cleanups.push(() => stopInstance(inst));
    const c = await makeChat(t.db);
    const r = client(port, await cookieFor(c.resident));
    const m = client(port, await cookieFor(c.merchant));
    let isUp = true;
    await exchange(c.conversation.id, r, m, 80, async () => {
      // Single clients drop now and then as well, so one side misses what the other sent.
      const drops = (async () => {
        for (let i = 0; i < 30; i++) {
          await sleep(20 + Math.random() * 20);
          if (isUp) cut(Math.random() < 0.5 ? r : m, null);
        }
      })();
      await sleep(250);
      isUp = false;
      await stopInstance(inst);
      await sleep(300); // down: sends wait in the outboxes
      inst = await startInstance(port);
      isUp = true;
      await sleep(250);
      isUp = false;
      await stopInstance(inst);
      inst = await startInstance(port);
      isUp = true;
      await drops;
    });
  }, 90_000);

  it("sends a read mark made before the socket connected once it connects (a page opened with a lazy client)", async () => {
    const inst = await startInstance();
    cleanups.push(() => stopInstance(inst));
    const c = await makeChat(t.db);
    const r = client(inst.port, await cookieFor(c.resident));
    await connected(r);
    const resident = new ChatSession(r, c.conversation.id, "resident", {});
    resident.start({ messages: [] });
    resident.send({ body: "Bonjour" });
    await resident.drained();
    const stored = await t.db.message.findFirstOrThrow({ where: { conversationId: c.conversation.id } });
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).merchantUnread).toBe(1);

    // The shopkeeper's page holds the message (server-rendered) before its socket is up.
    const m = connect(`http://127.0.0.1:${inst.port}`, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: await cookieFor(c.merchant) }, autoConnect: false }) as TChatSocket;
    cleanups.push(() => void m.disconnect());
    const merchant = new ChatSession(m, c.conversation.id, "merchant", {});
    merchant.start({ messages: [{ id: stored.id, conversationId: c.conversation.id, seq: stored.seq, clientId: stored.clientId, side: "resident", body: stored.body, photo: null, order: null, createdAt: stored.createdAt.toISOString() }] });
    merchant.markRead(merchant.syncedTo);
    m.connect();
    await connected(m);
    const read = async () => (await t.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).merchantReadSeq;
    const until = Date.now() + 10_000;
    while ((await read()) < stored.seq && Date.now() < until) await sleep(20);
    expect(await read()).toBe(stored.seq);
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id: c.conversation.id } })).merchantUnread).toBe(0);
    resident.stop();
    merchant.stop();
  });

  it("works across two instances sharing Redis, clients bouncing between them behind a balancer", async () => {
    const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
    const redisA: RedisClientType = createClient({ url: redisUrl });
    const redisB: RedisClientType = createClient({ url: redisUrl });
    await Promise.all([redisA.connect(), redisB.connect()]);
    const adapterKey = `quartier-test-${randomBytes(4).toString("hex")}`;
    // A runs this process's event emitter; B hears nothing locally, so everything B's
    // sockets receive comes through Redis, as it would from another machine.
    const a = await startInstance(0, { redis: redisA, adapterKey, instance: "a" });
    const b = await startInstance(0, { redis: redisB, adapterKey, instance: "b", subscribe: () => () => {} });
    const proxy = roundRobin([a.port, b.port]);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    const proxyPort = (proxy.server.address() as AddressInfo).port;
    cleanups.push(async () => {
      proxy.close();
      await stopInstance(a);
      await stopInstance(b);
      await redisA.quit();
      await redisB.quit();
    });

    const c = await makeChat(t.db);
    const r = client(proxyPort, await cookieFor(c.resident));
    const m = client(proxyPort, await cookieFor(c.merchant));
    await Promise.all([connected(r), connected(m)]);
    // One on each instance to begin with.
    const where = (s: TChatSocket) => (a.realtime.io.of("/").sockets.has(s.id!) ? "a" : b.realtime.io.of("/").sockets.has(s.id!) ? "b" : "?");
    expect(new Set([where(r), where(m)])).toEqual(new Set(["a", "b"]));

    let cuts = 0;
    const seen = new Set<string>();
    await exchange(c.conversation.id, r, m, 100, async () => {
      while (cuts < 100) {
        await sleep(8 + Math.random() * 16);
        const target = Math.random() < 0.5 ? r : m;
        if (target.connected && where(target) !== "?") seen.add(where(target));
        if (cut(target, Math.random() < 0.5 ? [a, b] : null)) cuts++;
      }
    });
    expect(cuts).toBe(100);
    expect(seen).toEqual(new Set(["a", "b"]));
  }, 90_000);
});

/** A TCP balancer: each new connection goes to the next backend in turn. */
function roundRobin(ports: number[]) {
  let next = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    const upstream = net.connect(ports[next++ % ports.length]!, "127.0.0.1");
    open.add(downstream).add(upstream);
    const end = () => {
      downstream.destroy();
      upstream.destroy();
      open.delete(downstream);
      open.delete(upstream);
    };
    downstream.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    downstream.pipe(upstream).pipe(downstream);
  });
  return {
    server,
    close: () => {
      for (const s of open) s.destroy();
      server.close();
    },
  };
}

describe("who may talk in a conversation", () => {
  it("refuses sockets without a session and strangers' requests, and tells strangers nothing", async () => {
    const inst = await startInstance();
    cleanups.push(() => stopInstance(inst));
    const c = await makeChat(t.db);
    const stranger = await makeUser(t.db, ["resident", "merchant"], "Mallory");

    const anonymous = client(inst.port, null, false);
    await expect(connected(anonymous)).rejects.toThrow("UNAUTHENTICATED");

    const s = client(inst.port, await cookieFor(stranger));
    const r = client(inst.port, await cookieFor(c.resident));
    const m = client(inst.port, await cookieFor(c.merchant));
    await Promise.all([connected(s), connected(r), connected(m)]);
    const heard: unknown[] = [];
    s.onAny((...args) => heard.push(args));
    const typingAtMerchant: unknown[] = [];
    m.on("chat:typing", (e) => typingAtMerchant.push(e));

    const ask = <T,>(emit: (cb: (res: T) => void) => void) => new Promise<T>((resolve) => emit(resolve));
    const conversationId = c.conversation.id;
    const send = await ask((cb) => s.emit("chat:send", { conversationId, clientId: "stranger-0001", body: "let me in" }, cb));
    expect(send).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const sync = await ask((cb) => s.emit("chat:sync", { conversationId, afterSeq: 0 }, cb));
    expect(sync).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const read = await ask((cb) => s.emit("chat:read", { conversationId, seq: 1 }, cb));
    expect(read).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    s.emit("chat:typing", { conversationId });
    // Garbage gets a clear refusal, not a crash.
    for (const bad of [null, 42, "x", { conversationId }, { conversationId, clientId: "short", body: "x" }, { conversationId, clientId: "ok-client-id", body: "x".repeat(2001) }]) {
      const res = await ask((cb) => s.emit("chat:send", bad, cb));
      expect(res).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    }

    // Meanwhile the real participants talk; the stranger hears none of it.
    const got: unknown[] = [];
    m.on("chat:message", (x) => got.push(x));
    r.emit("chat:typing", { conversationId });
    const ok = await ask<{ ok: boolean }>((cb) => r.emit("chat:send", { conversationId, clientId: "resident-0001", body: "bonjour" }, cb));
    expect(ok.ok).toBe(true);
    await poll(() => got.length === 1 && typingAtMerchant.length === 1, () => `merchant got ${got.length} messages, ${typingAtMerchant.length} typing`);
    expect(typingAtMerchant).toEqual([{ conversationId, side: "resident" }]);
    await sleep(200);
    expect(heard).toEqual([]);
    expect(await t.db.message.count({ where: { conversationId } })).toBe(1);
  });

  it("delivers nothing while blocked, and typing stops too", async () => {
    const inst = await startInstance();
    cleanups.push(() => stopInstance(inst));
    const c = await makeChat(t.db);
    const r = client(inst.port, await cookieFor(c.resident));
    const m = client(inst.port, await cookieFor(c.merchant));
    await Promise.all([connected(r), connected(m)]);
    const atResident: unknown[] = [];
    r.on("chat:message", (x) => atResident.push(x));
    r.on("chat:typing", (x) => atResident.push(x));
    await t.db.conversation.update({ where: { id: c.conversation.id }, data: { residentBlockedAt: new Date() } });

    const res = await new Promise((resolve) => m.emit("chat:send", { conversationId: c.conversation.id, clientId: "merchant-0001", body: "promo!" }, resolve));
    expect(res).toMatchObject({ ok: false, error: { code: "CHAT_BLOCKED" } });
    m.emit("chat:typing", { conversationId: c.conversation.id });
    await sleep(300);
    expect(atResident).toEqual([]);
    expect(await t.db.message.count({ where: { conversationId: c.conversation.id } })).toBe(0);
  });
});
