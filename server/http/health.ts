// GET /api/health: database and (when configured) Redis reachability, for load balancers.
import type { ServerResponse } from "node:http";
import type { Db } from "../db";
import { getRedis } from "../redis";

async function timed<T>(fn: () => Promise<T>, timeoutMs = 2000) {
  const start = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs))]);
    return { ok: true as const, ms: Math.round((performance.now() - start) * 10) / 10 };
  } catch (e) {
    return { ok: false as const, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function health(db: Db, dbKind: string, instance: string, isShuttingDown: boolean) {
  const redisConfigured = !!process.env.REDIS_URL;
  const [database, redis] = await Promise.all([
    timed(() => db.$queryRawUnsafe("SELECT 1")),
    redisConfigured ? timed(async () => (await getRedis())!.ping()) : Promise.resolve(null),
  ]);
  const isOk = database.ok && (redis === null || redis.ok) && !isShuttingDown;
  return {
    status: isOk ? ("ok" as const) : ("degraded" as const),
    instance,
    uptimeS: Math.round(process.uptime()),
    shuttingDown: isShuttingDown,
    database: { kind: dbKind, ...database },
    redis,
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
