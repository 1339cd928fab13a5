// Is a Redis there for the two-instance journeys? REDIS_URL when set (CI always sets it),
// otherwise the usual local one on 127.0.0.1:6379, asked with a PING.
import { createConnection } from "node:net";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname || "127.0.0.1", port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => done(d.toString().startsWith("+PONG") || d.toString().startsWith("-NOAUTH")));
  });
}
