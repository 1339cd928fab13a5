// Who may do what over the socket (issue 16), like the access matrix of the API
// (server/http/access-matrix.test.ts): a handshake without a valid session is refused, and
// every client→server event naming someone else's conversation (or someone else's photo) gets
// exactly the answer a missing one gets, writes nothing, and sends nothing to the other
// people's sockets. The events are read from the server's own listeners, so a new event
// without a row in EVENTS fails this test.
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changes, installChangeCounter } from "../test/changes";
import { makeChat } from "../test/chat";
import { createTestDb, type TTestDb } from "../test/db";
import { MISSING_ID } from "../test/factories";
import { sessionCookie, startRealtime, type TTestRealtime } from "../test/realtime";

let t: TTestDb;
let rt: TTestRealtime;
let mine: Awaited<ReturnType<typeof makeChat>>;
let theirs: Awaited<ReturnType<typeof makeChat>>;
let theirPhoto: string;

type TAck = { ok: boolean; data?: unknown; error?: { code: string; message: string; params: unknown } };

/**
 * Every client→server event: what a payload naming someone else's conversation looks like
 * (`foreign(conversationId)`; the same payload with a missing id must get the same answer),
 * or why there is nothing of someone else's to name. `acks`: the event answers.
 */
const EVENTS: Record<string, { foreign: (conversationId: string) => unknown; acks: boolean } | { noForeign: string }> = {
  ping: { noForeign: "takes no input: a round-trip check" },
  "parking:watch": { noForeign: "map areas are public: every signed-in person may watch any cell (server/realtime/parking-socket.ts)" },
  "chat:send": { foreign: (conversationId) => ({ conversationId, clientId: `matrix-${Math.random().toString(36).slice(2, 12)}`, body: "Bonjour" }), acks: true },
  "chat:sync": { foreign: (conversationId) => ({ conversationId, afterSeq: 0 }), acks: true },
  "chat:delivered": { foreign: (conversationId) => ({ conversationId, seq: 1 }), acks: true },
  "chat:read": { foreign: (conversationId) => ({ conversationId, seq: 1 }), acks: true },
  "chat:typing": { foreign: (conversationId) => ({ conversationId }), acks: false },
};

beforeAll(async () => {
  t = await createTestDb();
  mine = await makeChat(t.db, { residentName: "Alice", shopName: "Mine" });
  theirs = await makeChat(t.db, { residentName: "Bruno", shopName: "Theirs" });
  // Their conversation has history to leak: a message and a photo.
  const photo = await t.db.photo.create({ data: { ownerId: theirs.resident.id, width: 10, height: 10, bytes: 10 } });
  theirPhoto = photo.id;
  await t.db.message.create({ data: { conversationId: theirs.conversation.id, seq: 1, senderId: theirs.resident.id, clientId: "their-first-message", body: "Secret" } });
  await t.db.conversation.update({ where: { id: theirs.conversation.id }, data: { lastSeq: 1 } });
  await installChangeCounter(t);
  rt = await startRealtime(t.db, { chatLimiter: new RateLimiterMemory({ points: 1_000_000, duration: 10 }) });
}, 60_000);

afterAll(async () => {
  await rt?.close();
  await t?.cleanup();
});

const ask = (s: Socket, event: string, payload: unknown) =>
  new Promise<TAck>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${event}: no answer within 5 s`)), 5_000);
    (s.emit as (e: string, ...args: unknown[]) => void)(event, payload, (a: TAck) => {
      clearTimeout(timer);
      resolve(a);
    });
  });

describe("the socket handshake", () => {
  it("refuses a socket without a session, with a forged one, or with one signed by another secret", async () => {
    await expect(rt.open()).rejects.toThrow("UNAUTHENTICATED");
    await expect(rt.open("next-auth.session-token=forged.token.value")).rejects.toThrow("UNAUTHENTICATED");
    await expect(rt.open("next-auth.session-token=")).rejects.toThrow("UNAUTHENTICATED");
    // A well-formed token for someone who does not exist.
    await expect(rt.open(await sessionCookie({ id: MISSING_ID, email: "nobody@example.test", name: "Nobody" }))).rejects.toThrow("UNAUTHENTICATED");
  });
});

describe("every client event, about someone else's conversation", () => {
  it("has a row for every event the server listens to", async () => {
    const s = await rt.open(await sessionCookie(mine.resident));
    const serverSide = rt.realtime.io.of("/").sockets.get(s.id!)!;
    // socket.io's own events ("error", "disconnect"…) are not the client's to send.
    const reserved = ["error", "connect", "disconnect", "disconnecting", "newListener", "removeListener"];
    const listened = serverSide.eventNames().map(String).filter((e) => !reserved.includes(e));
    expect(listened.filter((e) => !(e in EVENTS)).map((e) => `${e}: add a row to EVENTS in server/realtime/socket-access.test.ts`)).toEqual([]);
    expect(Object.keys(EVENTS).filter((e) => !listened.includes(e)).map((e) => `${e}: no such event any more, remove its row`)).toEqual([]);
    s.disconnect();
  });

  it("gets the answer a missing one gets, writes nothing and sends nothing to the other people", async () => {
    const [resident, merchant, theirResident, theirMerchant, theirManager] = await Promise.all([
      rt.open(await sessionCookie(mine.resident)),
      rt.open(await sessionCookie(mine.merchant, { roles: ["merchant"] })),
      rt.open(await sessionCookie(theirs.resident)),
      rt.open(await sessionCookie(theirs.merchant, { roles: ["merchant"] })),
      rt.open(await sessionCookie(theirs.manager, { roles: ["manager"] })),
    ]);
    const leaked: unknown[] = [];
    for (const s of [theirResident, theirMerchant, theirManager]) s.onAny((...args: unknown[]) => leaked.push(args));
    const before = await changes(t);
    const failures: string[] = [];
    for (const [event, row] of Object.entries(EVENTS)) {
      if ("noForeign" in row) continue;
      for (const [who, s] of [["resident", resident], ["merchant", merchant]] as const) {
        if (!row.acks) {
          s.emit(event as never, row.foreign(theirs.conversation.id));
          continue;
        }
        const foreign = await ask(s, event, row.foreign(theirs.conversation.id));
        const missing = await ask(s, event, row.foreign(MISSING_ID));
        if (foreign.ok || foreign.error?.code !== "NOT_FOUND") failures.push(`${event} as the ${who}: expected NOT_FOUND, got ${JSON.stringify(foreign)}`);
        if (JSON.stringify(foreign) !== JSON.stringify(missing)) failures.push(`${event} as the ${who}: ${JSON.stringify(foreign)} differs from a missing conversation's ${JSON.stringify(missing)}`);
      }
    }
    // In their own conversation, someone else's photo is not theirs to attach.
    const sendPhoto = (photoId: string) => ask(resident, "chat:send", { conversationId: mine.conversation.id, clientId: `matrix-photo-${photoId.slice(-6)}`, body: "Look", photoId });
    const foreignPhoto = await sendPhoto(theirPhoto);
    const missingPhoto = await sendPhoto(MISSING_ID);
    if (foreignPhoto.ok) failures.push("chat:send with someone else's photo was accepted");
    if (JSON.stringify(foreignPhoto) !== JSON.stringify(missingPhoto)) failures.push(`chat:send with someone else's photo: ${JSON.stringify(foreignPhoto)} differs from a missing one's ${JSON.stringify(missingPhoto)}`);
    // Typing signals go out without an answer: give them time to arrive, if they were going to.
    await new Promise((r) => setTimeout(r, 300));
    expect(failures).toEqual([]);
    expect(await changes(t)).toBe(before);
    expect(leaked).toEqual([]);
    // The sockets are still up, and their own conversation still works.
    const ok = await ask(resident, "chat:sync", { conversationId: mine.conversation.id, afterSeq: 0 });
    expect(ok).toMatchObject({ ok: true });
  });
});
