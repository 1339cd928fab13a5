// Sending limit per user (default 20 messages per 10 s), counted in Redis when REDIS_URL is
// set so that every instance counts the same messages, in memory otherwise.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "../../env";
import { AppError } from "../errors";
import { getRedis } from "../redis";

export type TSendLimiter = RateLimiterAbstract;

let shared: Promise<RateLimiterAbstract> | undefined;

/** The process's limiter (settings from RATE_LIMIT_CHAT_PER_10S). */
export function chatLimiter(): Promise<RateLimiterAbstract> {
  return (shared ??= getRedis().then((redis) => {
    const opts = { keyPrefix: "rl:chat", points: env().RATE_LIMIT_CHAT_PER_10S, duration: 10 };
    return redis ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: true }) : new RateLimiterMemory(opts);
  }));
}

/** Counts one message; throws RATE_LIMITED (with the seconds to wait) over the limit. */
export async function consumeSend(limiter: RateLimiterAbstract, userId: string) {
  try {
    await limiter.consume(userId);
  } catch (e) {
    if (e instanceof Error) throw e; // the store failed: not a limit
    const seconds = Math.max(1, Math.ceil((e instanceof RateLimiterRes ? e.msBeforeNext : 10_000) / 1000));
    throw new AppError("RATE_LIMITED", `Too many messages, wait ${seconds} s`, { seconds });
  }
}
