// One way to make a rate limiter: counted in Redis when REDIS_URL is set (so every instance
// counts the same attempts), in memory otherwise. Limiters are kept on globalThis by name,
// like the other shared singletons, because Next's server bundle and the tsx-loaded server
// each load their own copy of this module inside the same process.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../errors";
import { getRedis } from "../redis";

export type TRateLimiter = RateLimiterAbstract;
export type TLimit = { points: number; durationSeconds: number };

const g = globalThis as { __quartierRateLimiters?: Map<string, Promise<RateLimiterAbstract>> };
const made = (g.__quartierRateLimiters ??= new Map<string, Promise<RateLimiterAbstract>>());

/** The process's limiter called `name` ("auth:ip", "chat", …), made on first use. */
export function rateLimiter(name: string, limit: () => TLimit): Promise<RateLimiterAbstract> {
  let limiter = made.get(name);
  if (!limiter) {
    limiter = getRedis().then((redis) => {
      const { points, durationSeconds } = limit();
      const opts = { keyPrefix: `rl:${name}`, points, duration: durationSeconds };
      return redis ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: true }) : new RateLimiterMemory(opts);
    });
    made.set(name, limiter);
  }
  return limiter;
}

/** Seconds until a refused key may try again (at least 1). */
export function retryAfterSeconds(refusal: unknown, fallbackMs = 60_000): number {
  return Math.max(1, Math.ceil((refusal instanceof RateLimiterRes ? refusal.msBeforeNext : fallbackMs) / 1000));
}

/**
 * Counts one point for `key`; over the limit, throws RATE_LIMITED with the seconds to wait
 * (`message(seconds)` says what). A failure of the store itself is rethrown as it is.
 */
export async function consume(limiter: RateLimiterAbstract, key: string, message: (seconds: number) => string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof Error) throw e;
    const seconds = retryAfterSeconds(e, limiter.duration * 1000);
    throw new AppError("RATE_LIMITED", message(seconds), { seconds });
  }
}
