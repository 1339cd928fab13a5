// The socket.io spine: the handshake reads the next-auth cookie, sockets join their rooms,
// and domain events reach the right sockets.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../env";
import { publish } from "./emit";
import { createRealtime } from "./io";
import { createTestDb, type TTestDb } from "../test/db";
import { makeBuilding, makeUser } from "../test/factories";

let t: TTestDb;
let server: Server;
let realtime: Awaited<ReturnType<typeof createRealtime>>;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDb();
  server = createServer();
  realtime = await createRealtime(server, t.db, { isDev: false, instance: "test" });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await realtime.close();
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

async function cookieFor(user: { id: string; email: string; name: string }) {
  const token = await encode({ secret: env().authSecret, token: { sub: user.id, email: user.email, name: user.name, roles: ["resident"] } });
  return `next-auth.session-token=${token}`;
}

function open(cookie?: string): Promise<Socket> {
  const socket = connect(url, { path: "/socket.io", transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", reject);
  });
}

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
    const rooms = [...(realtime.io.of("/").adapter.rooms.get(`building:${building.id}`) ?? [])];
    expect(rooms).toContain(r.id);
    expect(got.stranger).toEqual([]);
  });
});
