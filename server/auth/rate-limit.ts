// Attempt limits for sign-in and sign-up (server/lib/rate-limit.ts: in Redis when REDIS_URL is
// set, so that every instance counts the same attempts):
//  - per client IP, every attempt (RATE_LIMIT_AUTH_PER_IP per 10 min);
//  - per account AND IP, failed sign-ins (RATE_LIMIT_AUTH_PER_ACCOUNT per 15 min): guessing
//    from one place locks that place out, never the person from everywhere else;
//  - per account from everywhere, failed sign-ins (five times that, per 15 min): past it, a
//    guessing attack spread over many IPs is held back for the rest of the window, except
//    from the IPs this account signed in from in the last 20 days, so its owner keeps signing
//    in from home while it lasts. No captcha: the refusal names the wait.
import { env } from "../../env";
import { AppError } from "../errors";
import { consume, rateLimiter, retryAfterSeconds } from "../lib/rate-limit";

const ipLimiter = () => rateLimiter("auth:ip", () => ({ points: env().RATE_LIMIT_AUTH_PER_IP, durationSeconds: 600 }));
const pairLimiter = () => rateLimiter("auth:pair", () => ({ points: env().RATE_LIMIT_AUTH_PER_ACCOUNT, durationSeconds: 900 }));
const accountLimiter = () => rateLimiter("auth:acct", () => ({ points: accountWide(), durationSeconds: 900 }));
/** Where an account has signed in from (a mark per account and IP, kept 20 days). */
const knownLimiter = () => rateLimiter("auth:known", () => ({ points: 1, durationSeconds: KNOWN_SECONDS }));
// 20 days: the in-memory store expires keys with setTimeout, which cannot wait past 24.8 days.
const KNOWN_SECONDS = 20 * 24 * 3600;
const accountWide = () => 5 * env().RATE_LIMIT_AUTH_PER_ACCOUNT;
const message = (seconds: number) => `Too many attempts, try again in ${seconds} s`;
const pair = (email: string, ip: string) => `${email}|${ip}`;

/** Counts one attempt from this IP; throws RATE_LIMITED when over the limit. */
export async function consumeIp(ip: string) {
  await consume(await ipLimiter(), ip, message);
}

/** Throws RATE_LIMITED when this IP used up its failed attempts on this account, or the account its attempts from everywhere (unless this IP is one it signed in from). */
export async function assertAccountAllowed(email: string, ip: string) {
  const [fromHere, fromEverywhere] = await Promise.all([(await pairLimiter()).get(pair(email, ip)), (await accountLimiter()).get(email)]);
  if (fromHere && fromHere.consumedPoints >= env().RATE_LIMIT_AUTH_PER_ACCOUNT) refuse(fromHere);
  if (fromEverywhere && fromEverywhere.consumedPoints >= accountWide() && !(await (await knownLimiter()).get(pair(email, ip)))) refuse(fromEverywhere);
}

function refuse(res: Parameters<typeof retryAfterSeconds>[0]): never {
  const seconds = retryAfterSeconds(res);
  throw new AppError("RATE_LIMITED", message(seconds), { seconds });
}

export async function recordAccountFailure(email: string, ip: string) {
  await Promise.all([overLimitIsFine((await pairLimiter()).consume(pair(email, ip))), overLimitIsFine((await accountLimiter()).consume(email))]);
}

/** A successful sign-in: this place's failures are forgotten, and it is known for 20 days. */
export async function clearAccountFailures(email: string, ip: string) {
  await Promise.all([(await pairLimiter()).delete(pair(email, ip)), (await accountLimiter()).delete(email), (await knownLimiter()).set(pair(email, ip), 1, KNOWN_SECONDS)]);
}

/** Over the limit is fine when recording: assertAccountAllowed says so next time. A failing store is not. */
async function overLimitIsFine(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) throw e;
  }
}
