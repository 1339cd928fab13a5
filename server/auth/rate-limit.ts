// Attempt limits for sign-in and sign-up, per client IP and per account (server/lib/rate-limit.ts:
// in Redis when REDIS_URL is set, so that every instance counts the same attempts).
import { env } from "../../env";
import { AppError } from "../errors";
import { consume, rateLimiter, retryAfterSeconds } from "../lib/rate-limit";

const ipLimiter = () => rateLimiter("auth:ip", () => ({ points: env().RATE_LIMIT_AUTH_PER_IP, durationSeconds: 600 }));
const accountLimiter = () => rateLimiter("auth:acct", () => ({ points: env().RATE_LIMIT_AUTH_PER_ACCOUNT, durationSeconds: 900 }));
const message = (seconds: number) => `Too many attempts, try again in ${seconds} s`;

/** Counts one attempt from this IP; throws RATE_LIMITED when over the limit. */
export async function consumeIp(ip: string) {
  await consume(await ipLimiter(), ip, message);
}

/** Throws RATE_LIMITED when the account has used up its failed attempts. */
export async function assertAccountAllowed(email: string) {
  const res = await (await accountLimiter()).get(email);
  if (res && res.consumedPoints >= env().RATE_LIMIT_AUTH_PER_ACCOUNT) {
    const seconds = retryAfterSeconds(res);
    throw new AppError("RATE_LIMITED", message(seconds), { seconds });
  }
}

export async function recordAccountFailure(email: string) {
  try {
    await (await accountLimiter()).consume(email);
  } catch (e) {
    if (e instanceof Error) throw e; // over the limit is fine here: assertAccountAllowed says so next time
  }
}

export async function clearAccountFailures(email: string) {
  await (await accountLimiter()).delete(email);
}
