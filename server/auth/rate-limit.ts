// Attempt limits for sign-in and sign-up, per client IP and per account. Kept in Redis
// when REDIS_URL is set so that every instance counts the same attempts.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "../../env";
import { AppError } from "../errors";
import { getRedis } from "../redis";

type Limiters = { ip: RateLimiterAbstract; account: RateLimiterAbstract };
const g = globalThis as { __quartierLimiters?: Promise<Limiters> };

async function make(): Promise<Limiters> {
  const e = env();
  const ipOpts = { keyPrefix: "rl:auth:ip", points: e.RATE_LIMIT_AUTH_PER_IP, duration: 600 };
  const accountOpts = { keyPrefix: "rl:auth:acct", points: e.RATE_LIMIT_AUTH_PER_ACCOUNT, duration: 900 };
  const redis = await getRedis();
  if (redis) {
    return {
      ip: new RateLimiterRedis({ ...ipOpts, storeClient: redis, useRedisPackage: true }),
      account: new RateLimiterRedis({ ...accountOpts, storeClient: redis, useRedisPackage: true }),
    };
  }
  return { ip: new RateLimiterMemory(ipOpts), account: new RateLimiterMemory(accountOpts) };
}

const limiters = () => (g.__quartierLimiters ??= make());

function tooMany(res: unknown): never {
  const ms = res instanceof RateLimiterRes ? res.msBeforeNext : 60_000;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  throw new AppError("RATE_LIMITED", `Too many attempts, try again in ${seconds} s`, { seconds });
}

/** Counts one attempt from this IP; throws RATE_LIMITED when over the limit. */
export async function consumeIp(ip: string) {
  try {
    await (await limiters()).ip.consume(ip);
  } catch (e) {
    if (e instanceof Error) throw e; // a store failure, not a limit
    tooMany(e);
  }
}

/** Throws RATE_LIMITED when the account has used up its failed attempts. */
export async function assertAccountAllowed(email: string) {
  const res = await (await limiters()).account.get(email);
  if (res && res.consumedPoints >= env().RATE_LIMIT_AUTH_PER_ACCOUNT) tooMany(res);
}

export async function recordAccountFailure(email: string) {
  try {
    await (await limiters()).account.consume(email);
  } catch (e) {
    if (e instanceof Error) throw e;
  }
}

export async function clearAccountFailures(email: string) {
  await (await limiters()).account.delete(email);
}
