// Sending limit per user (default 20 messages per 10 s), counted in Redis when REDIS_URL is
// set so that every instance counts the same messages, in memory otherwise.
import { env } from "../../env";
import { consume, rateLimiter, type TRateLimiter } from "../lib/rate-limit";

export type TSendLimiter = TRateLimiter;

/** The process's limiter (settings from RATE_LIMIT_CHAT_PER_10S). */
export function chatLimiter(): Promise<TRateLimiter> {
  return rateLimiter("chat", () => ({ points: env().RATE_LIMIT_CHAT_PER_10S, durationSeconds: 10 }));
}

/** Counts one message; throws RATE_LIMITED (with the seconds to wait) over the limit. */
export async function consumeSend(limiter: TRateLimiter, userId: string) {
  await consume(limiter, userId, (seconds) => `Too many messages, wait ${seconds} s`);
}
