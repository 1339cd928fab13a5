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
      const session = await readSession(socket.request.headers);
      if (!session) return next(new Error("UNAUTHENTICATED"));
      socket.data.userId = session.userId;
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

function deliver(io: TIo, event: TDomainEvent) {
  switch (event.type) {
    case "membership.changed": {
      const { userId, buildingId, unitId, membershipId, status } = event;
      // Keep rooms in step with membership on every instance (the adapter relays this).
      // (Leaving the building room when another unit there is still held is corrected on
      // the next connection; building events carry no private data.)
      if (status === "active") io.in(rooms.user(userId)).socketsJoin([rooms.building(buildingId), rooms.unit(unitId)]);
      else {
        io.in(rooms.user(userId)).socketsLeave(rooms.unit(unitId));
        io.in(rooms.user(userId)).socketsLeave(rooms.building(buildingId));
      }
      io.to(rooms.user(userId)).emit("membership:mine", { membershipId, buildingId, status });
      io.to(rooms.managers(buildingId)).emit("membership:building", { buildingId, membershipId, status });
      return;
    }
    case "wallet.changed":
      io.to(rooms.user(event.userId)).emit("wallet:changed");
      return;
    case "bills.changed": {
      const payload = { buildingId: event.buildingId, reason: event.reason };
      io.to([...event.unitIds.map(rooms.unit), rooms.managers(event.buildingId)]).emit("bills:changed", payload);
      return;
    }
    case "notification.created":
      io.to(rooms.user(event.userId)).emit("notifications:changed");
      return;
    case "shops.changed":
      io.to([rooms.user(event.ownerId), rooms.admins()]).emit("shops:changed", { shopId: event.shopId });
      return;
    case "catalogue.changed":
      // Residents of the buildings the shop delivers to (their open shop pages refetch).
      if (event.buildingIds.length) io.to(event.buildingIds.map(rooms.building)).emit("catalogue:changed", { shopId: event.shopId });
      return;
    case "order.changed": {
      const base = { orderId: event.orderId, shopId: event.shopId, status: event.status, isNew: event.status === "placed" };
      io.to(rooms.user(event.ownerId)).emit("order:changed", { ...base, side: "merchant" });
      io.to(rooms.user(event.userId)).emit("order:changed", { ...base, side: "customer" });
      return;
    }
    case "qr.paid":
      io.to(rooms.user(event.ownerId)).emit("qr:paid", { qrId: event.qrId, shopId: event.shopId });
      return;
    case "chat.message": {
      const fromResident = event.message.side === "resident";
      io.to(rooms.user(event.residentId)).emit("chat:message", { ...event.message, mine: fromResident });
      io.to(rooms.user(event.ownerId)).emit("chat:message", { ...event.message, mine: !fromResident });
      return;
    }
    case "chat.receipt":
      io.to(event.userIds.map(rooms.user)).emit("chat:receipt", event.receipt);
      return;
    case "chat.changed":
      io.to(event.userIds.map(rooms.user)).emit("chat:changed", { conversationId: event.conversationId });
      return;
    case "chat.reported":
      io.to(rooms.admins()).emit("chat:reports");
      return;
  }
}

export const instanceName = (port: number) => `${hostname()}:${port}:${process.pid}`;
