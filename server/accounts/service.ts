// Accounts: sign-up, credential checks for sign-in, password change.
// No outcome here tells a caller whether an email is registered.
import type { Db } from "../db";
import { AppError } from "../errors";
import { dummyHash, hashPassword, verifyPassword } from "../auth/password";
import { assertAccountAllowed, clearAccountFailures, consumeIp, recordAccountFailure } from "../auth/rate-limit";
import { announceRevocation, revokeSessions } from "../auth/revocation";
import type { TRole } from "../auth/roles";
import { cancelDeletionOnSignIn } from "../privacy/deletion";
import * as repo from "./repository";
import type { TChangePasswordInput, TMe, TSignUpInput } from "./schema";

function toMe(u: { id: string; email: string; name: string; locale: string | null; roles: { role: string }[] }): TMe {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale === "fr" || u.locale === "en" ? u.locale : null,
    roles: u.roles.map((r) => r.role as TRole),
  };
}

/**
 * Creates a resident account. When the email is already registered nothing is created
 * and the answer is the same: the client then signs in, which fails with the usual
 * "email or password incorrect" unless it is the owner's password.
 */
export async function signUp(db: Db, input: TSignUpInput, ip: string): Promise<{ ok: true }> {
  await consumeIp(ip);
  const passwordHash = await hashPassword(input.password);
  const existing = await repo.findUserByEmail(db, input.email);
  if (existing) return { ok: true };
  try {
    await repo.createUser(db, { ...input, passwordHash, roles: ["resident"] });
  } catch (e) {
    // A concurrent sign-up with the same email lost the unique-constraint race: same answer.
    if ((e as { code?: string }).code !== "P2002") throw e;
  }
  return { ok: true };
}

/** Checks credentials for next-auth's authorize(); null means "email or password incorrect". */
export async function verifyCredentials(db: Db, email: string, password: string, ip: string): Promise<(TMe & { sessionVersion: number; deletionCancelled: boolean }) | null> {
  await consumeIp(ip);
  await assertAccountAllowed(email, ip);
  const user = await repo.findUserByEmail(db, email);
  const isValid = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!user || !isValid) {
    await recordAccountFailure(email, ip);
    return null;
  }
  await clearAccountFailures(email, ip);
  // Only someone who knows the password learns that the account is suspended (server/people).
  if (user.suspendedAt) throw new AppError("ACCOUNT_SUSPENDED");
  // Signing in during a deletion's grace period cancels it (server/privacy/deletion.ts).
  const deletionCancelled = user.deletionRequestedAt ? await cancelDeletionOnSignIn(db, user.id) : false;
  return { ...toMe(user), sessionVersion: user.sessionVersion, deletionCancelled };
}

export async function getMe(db: Db, userId: string): Promise<TMe> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError("UNAUTHENTICATED");
  return toMe(user);
}

/**
 * Changes the password and ends every other session (signed out, sockets cut): only
 * `keepSessionId`, the session that made the change, stays signed in.
 */
export async function changePassword(db: Db, userId: string, input: TChangePasswordInput, ip: string, keepSessionId: string | null = null) {
  await consumeIp(ip);
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("WRONG_PASSWORD", "The current password is incorrect");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await repo.updatePasswordHash(tx, userId, passwordHash);
    await revokeSessions(tx, userId, keepSessionId);
  });
  announceRevocation(userId, keepSessionId);
  return { ok: true as const };
}

export async function setLocale(db: Db, userId: string, locale: "fr" | "en") {
  await repo.updateLocale(db, userId, locale);
  return { ok: true as const };
}
