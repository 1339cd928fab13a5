// The socket.io spine: the handshake reads the next-auth cookie, sockets join their rooms,
// and domain events reach the right sockets.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publish } from "./emit";
import { createTestDb, type TTestDb } from "../test/db";
import { makeBuilding, makeUser } from "../test/factories";
import { sessionCookie, startRealtime, type TTestRealtime } from "../test/realtime";

let t: TTestDb;
let rt: TTestRealtime;

beforeAll(async () => {
  t = await createTestDb();
  rt = await startRealtime(t.db);
});
afterAll(async () => {
  await rt.close();
  await t.cleanup();
});

const cookieFor = (user: { id: string; email: string; name: string }) => sessionCookie(user);
const open = (cookie?: string): Promise<Socket> => rt.open(cookie);

describe("socket.io handshake and rooms", () => {
  it("refuses a socket without a session, or with a forged one", async () => {
    await expect(open()).rejects.toThrow("UNAUTHENTICATED");
    await expect(open("next-auth.session-token=forged.token.value")).rejects.toThrow("UNAUTHENTICATED");
  });

  it("delivers membership events to the member and the building's managers only", async () => {
    const manager = await makeUser(t.db, ["manager"]);
    const resident = await makeUser(t.db);
    const stranger = await makeUser(t.db);
    const { building } = await makeBuilding(t.db, manager.id);
    const [m, r, s] = await Promise.all([open(await cookieFor(manager)), open(await cookieFor(resident)), open(await cookieFor(stranger))]);
    const pong = await new Promise<{ instance: string }>((resolve) => r.emit("ping", resolve));
    expect(pong.instance).toBe("test");

    const got = { manager: [] as unknown[], resident: [] as unknown[], stranger: [] as unknown[] };
    m.on("membership:building", (e) => got.manager.push(e));
    r.on("membership:mine", (e) => got.resident.push(e));
    s.onAny((...args) => got.stranger.push(args));

    publish({ type: "membership.changed", userId: resident.id, buildingId: building.id, unitId: "unit-1", membershipId: "m1", status: "active" });
    await expect.poll(() => got.manager.length + got.resident.length).toBe(2);
    expect(got.resident).toEqual([{ membershipId: "m1", buildingId: building.id, status: "active" }]);
    expect(got.manager).toEqual([{ membershipId: "m1", buildingId: building.id, status: "active" }]);
    // The approved resident's socket joined the building's room on the way.
    const rooms = [...(rt.realtime.io.of("/").adapter.rooms.get(`building:${building.id}`) ?? [])];
    expect(rooms).toContain(r.id);
    expect(got.stranger).toEqual([]);
  });
});

describe("parking:watch", () => {
  type TAck = { ok: boolean; data?: { cells: string[] }; error?: { code: string } };
  const watch = (s: Socket, payload: unknown) => new Promise<TAck>((resolve) => s.emit("parking:watch" as never, payload, resolve));
  const roomsOf = (s: Socket) => [...rt.realtime.io.of("/").sockets.get(s.id!)!.rooms].filter((r) => r.startsWith("parking:")).sort();

  it("refuses bad input with a clear error and changes nothing", async () => {
    const user = await makeUser(t.db);
    const s = await open(await cookieFor(user));
    expect(await watch(s, { cells: ["457:48"] })).toEqual({ ok: true, data: { cells: ["457:48"] } });
    const bad: unknown[] = [
      null,
      "457:48",
      { cells: "457:48" },
      { cells: ["not a cell"] },
      { cells: ["1:2; DROP TABLE"] },
      { cells: ["99999:1"] },
      { cells: Array.from({ length: 65 }, (_, i) => `${i}:0`) },
      { cells: ["457:48"], extra: "x".repeat(100_000) },
    ];
    for (const payload of bad) {
      const ack = await watch(s, payload);
      expect(ack.ok, JSON.stringify(payload).slice(0, 60)).toBe(false);
      expect(ack.error?.code).toBe("INVALID_INPUT");
    }
    // Still watching what it watched before; the socket is still up.
    expect(roomsOf(s)).toEqual(["parking:457:48"]);
    expect(s.connected).toBe(true);
  });

  it("moves the socket from the cells it watched to the new ones, and occupancy reaches only watchers of the place's cell", async () => {
    const user = await makeUser(t.db);
    const [a, b] = await Promise.all([open(await cookieFor(user)), open(await cookieFor(user))]);
    await watch(a, { cells: ["457:48", "457:49"] });
    expect(roomsOf(a)).toEqual(["parking:457:48", "parking:457:49"]);
    await watch(a, { cells: ["457:48", "457:48"] });
    expect(roomsOf(a)).toEqual(["parking:457:48"]);
    await watch(b, { cells: ["457:49"] });

    const got = { a: [] as unknown[], b: [] as unknown[] };
    a.on("parking:occupancy" as never, (e: unknown) => void got.a.push(e));
    b.on("parking:occupancy" as never, (e: unknown) => void got.b.push(e));
    const observedAt = new Date().toISOString();
    // 45.76, 4.85 is in cell 457:48 (Lyon).
    publish({ type: "parking.occupancy", items: [{ placeId: "p1", latitude: 45.76, longitude: 4.85, freeSpaces: 7, observedAt }] });
    await expect.poll(() => got.a.length).toBe(1);
    expect(JSON.stringify(got.a[0])).toContain('"placeId":"p1"');
    await new Promise((r) => setTimeout(r, 100));
    expect(got.b).toEqual([]);
  });
});
