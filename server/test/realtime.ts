// A real socket.io server on a real port for tests, and clients that connect to it with a
// session cookie, the way a browser does. Shared by the realtime, chat delivery, session
// revocation and socket access tests.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { env } from "../../env";
import type { Db } from "../db";
import { createRealtime, type TRealtimeOptions } from "../realtime/io";

type TUser = { id: string; email: string; name: string };

/** The next-auth cookie of a session for `user` (extra claims: `sid`, `sv`, `roles`…). */
export async function sessionCookie(user: TUser, claims: Record<string, unknown> = {}): Promise<string> {
  const token = await encode({ secret: env().authSecret, token: { sub: user.id, email: user.email, name: user.name, roles: ["resident"], ...claims } });
  return `next-auth.session-token=${token}`;
}

export type TTestRealtime = {
  server: Server;
  realtime: Awaited<ReturnType<typeof createRealtime>>;
  port: number;
  url: string;
  /** A connected client (rejects with the handshake's error, e.g. "UNAUTHENTICATED"). */
  open: (cookie?: string | null) => Promise<Socket>;
  /** Disconnects the clients `open` made, closes the transports and the HTTP server. */
  close: () => Promise<void>;
};

/** socket.io on its own HTTP server (no Redis unless `opts.redis` says so), listening on `port` (0: any). */
export async function startRealtime(db: Db, opts: Partial<TRealtimeOptions> = {}, port = 0): Promise<TTestRealtime> {
  const server = createServer();
  const realtime = await createRealtime(server, db, { isDev: false, instance: "test", redis: null, ...opts });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}`;
  const sockets: Socket[] = [];
  return {
    server,
    realtime,
    port: actualPort,
    url,
    open(cookie) {
      const socket = connect(url, { path: "/socket.io", transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.on("connect", () => resolve(socket));
        socket.on("connect_error", reject);
      });
    },
    async close() {
      sockets.forEach((s) => s.disconnect());
      await realtime.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
