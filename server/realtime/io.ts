// socket.io on the app's HTTP server: session-cookie handshake, per-user and per-building
// rooms, domain events turned into socket events, the Redis adapter when REDIS_URL is set.
import type { Server as HttpServer } from "node:http";
import { hostname } from "node:os";
import { createAdapter } from "@socket.io/redis-adapter";
import type { RedisClientType } from "redis";
import { Server } from "socket.io";
import { readSession } from "../auth/session";
import { roomBuildingIds } from "../buildings/repository";
import type { Db } from "../db";
import { getRedis } from "../redis";
import { chatLimiter as defaultChatLimiter, type TSendLimiter } from "../chat/limits";
import { registerChat } from "./chat-socket";
import { registerParking } from "./parking-socket";
import { routeOf } from "./routes";
import { subscribe } from "./emit";
import { rooms, type ClientToServerEvents, type ServerToClientEvents, type SocketData, type TDomainEvent } from "./events";

export type TIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type TRealtimeOptions = {
  isDev: boolean;
  instance: string;
  /** The chat sending limit (tests and benchmarks pass their own). */
  chatLimiter?: TSendLimiter;
  /** Where domain events come from (default: this process's emitter). */
  subscribe?: typeof subscribe;
  /** Redis for the adapter (default: REDIS_URL's connection, if set) and its channel prefix. */
  redis?: RedisClientType | null;
  adapterKey?: string;
  /**
   * socket.io's own connection state recovery (replays what a briefly cut socket missed on
   * the same instance). Chat does not depend on it: its clients resync by sequence number.
   * Tests turn it off to prove that.
   */
  recovery?: boolean;
};

export async function createRealtime(server: HttpServer, db: Db, opts: TRealtimeOptions) {
  const io: TIo = new Server(server, {
    path: "/socket.io",
    serveClient: false,
    // Next's dev server upgrades its own HMR socket on the same port: leave it alone.
    destroyUpgrade: !opts.isDev,
    ...(opts.recovery === false ? {} : { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 } }),
  });

  const redis = opts.redis === undefined ? await getRedis() : opts.redis;
  let sub: ReturnType<NonNullable<typeof redis>["duplicate"]> | undefined;
  if (redis) {
    sub = redis.duplicate();
    sub.on("error", (err: Error) => console.error(`redis (socket.io subscriber): ${err.message}`));
    await sub.connect();
    io.adapter(createAdapter(redis, sub, opts.adapterKey ? { key: opts.adapterKey } : {}));
  }

  // Rooms are joined in the middleware, before the client sees "connect", so that nothing
  // published right after connecting can miss this socket.
  io.use((socket, next) => void (async () => {
    try {
      const session = await readSession(socket.request.headers, db);
      if (!session) return next(new Error("UNAUTHENTICATED"));
      socket.data.userId = session.userId;
      socket.data.sessionId = session.sessionId ?? null;
      const { memberOf, units, manages } = await roomBuildingIds(db, session.userId);
      const isAdmin = (await db.userRole.count({ where: { userId: session.userId, role: "admin" } })) > 0;
      await socket.join([
        rooms.user(session.userId),
        ...memberOf.map(rooms.building),
        ...units.map(rooms.unit),
        ...manages.map(rooms.managers),
        ...(isAdmin ? [rooms.admins()] : []),
      ]);
      next();
    } catch (err) {
      next(err instanceof Error ? err : new Error("handshake failed"));
    }
  })());

  const chatLimiter = opts.chatLimiter ?? (await defaultChatLimiter());
  io.on("connection", (socket) => {
    socket.on("ping", (ack) => {
      if (typeof ack === "function") ack({ at: Date.now(), instance: opts.instance });
    });
    registerChat(io, socket, db, { limiter: chatLimiter });
    registerParking(socket);
  });

  const unsubscribe = (opts.subscribe ?? subscribe)((event) => deliver(io, event));
  return {
    io,
    async close() {
      unsubscribe();
      // Closing the transports (not "disconnecting" the sockets, which tells clients not to
      // come back) lets clients reconnect to the next instance or this one restarted.
      // io.close() would also close the HTTP server; main.ts owns that.
      io.engine.close();
      await sub?.quit().catch(() => {});
    },
  };
}

/** Carries out an event's route (server/realtime/routes.ts) on this instance and, through the adapter, the others. */
function deliver(io: TIo, event: TDomainEvent) {
  const route = routeOf(event);
  if (route.join) io.in(rooms.user(route.join.userId)).socketsJoin(route.join.rooms);
  if (route.leave) for (const room of route.leave.rooms) io.in(rooms.user(route.leave.userId)).socketsLeave(room);
  for (const e of route.emits) (io.to(e.to).emit as (event: string, ...args: unknown[]) => boolean)(e.event, ...e.args);
  if (route.disconnect) {
    const { userId, keepSessionId } = route.disconnect;
    // Every instance's sockets of that user (fetchSockets goes through the adapter).
    void io
      .in(rooms.user(userId))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) if (keepSessionId === null || s.data.sessionId !== keepSessionId) s.disconnect(true);
      })
      .catch((err: unknown) => console.error("cutting ended sessions' sockets failed", err));
  }
}

export const instanceName = (port: number) => `${hostname()}:${port}:${process.pid}`;
