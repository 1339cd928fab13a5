// The shared Redis connection, only when REDIS_URL is set. Used by the socket.io adapter,
// the rate limiters and the health check.
import { createClient, type RedisClientType } from "redis";
import { env } from "../env";

const g = globalThis as { __quartierRedis?: Promise<RedisClientType | null> };

export function getRedis(): Promise<RedisClientType | null> {
  return (g.__quartierRedis ??= (async () => {
    const url = env().REDIS_URL;
    if (!url) return null;
    const client: RedisClientType = createClient({ url });
    client.on("error", (err: Error) => console.error(`redis: ${err.message}`));
    await client.connect();
    return client;
  })());
}

export async function closeRedis() {
  const client = await g.__quartierRedis;
  g.__quartierRedis = undefined;
  if (client?.isOpen) await client.quit();
}
