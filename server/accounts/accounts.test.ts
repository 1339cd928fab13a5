import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TTestDb } from "../test/db";
import { callerFor, makeUser } from "../test/factories";
import { verifyPassword } from "../auth/password";
import { verifyCredentials } from "./service";

let t: TTestDb;
beforeAll(async () => {
  // Lower limits for this file only (each test file runs in its own process).
  process.env.RATE_LIMIT_AUTH_PER_ACCOUNT = "3";
  process.env.RATE_LIMIT_AUTH_PER_IP = "15";
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const anon = (ip: string) => callerFor(t.db, null, [], ip);

describe("accounts.signUp", () => {
  it("creates a resident with a lower-cased email and an argon2 hash", async () => {
    await expect(anon("10.0.0.1").accounts.signUp({ email: "  Alice@Example.TEST ", name: "Alice", password: "correct horse" })).resolves.toEqual({ ok: true });
    const user = await t.db.user.findUnique({ where: { email: "alice@example.test" }, include: { roles: true } });
    expect(user?.roles.map((r) => r.role)).toEqual(["resident"]);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash, "correct horse")).toBe(true);
  });

  it("answers the same for an existing email and creates nothing", async () => {
    const before = await t.db.user.count();
    await expect(anon("10.0.0.2").accounts.signUp({ email: "alice@example.test", name: "Mallory", password: "another pass" })).resolves.toEqual({ ok: true });
    expect(await t.db.user.count()).toBe(before);
    const alice = await t.db.user.findUnique({ where: { email: "alice@example.test" } });
    expect(alice?.name).toBe("Alice");
    expect(await verifyPassword(alice!.passwordHash, "correct horse")).toBe(true);
  });

  it("rejects bad input with field errors and stores nothing", async () => {
    const before = await t.db.user.count();
    const err = await anon("10.0.0.3").accounts.signUp({ email: "not-an-email", name: " ", password: "short" }).catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(await t.db.user.count()).toBe(before);
  });
});

describe("sign-in credentials and rate limits", () => {
  it("accepts the right password and rejects a wrong one or an unknown email alike", async () => {
    expect(await verifyCredentials(t.db, "alice@example.test", "correct horse", "10.0.1.1")).toMatchObject({ email: "alice@example.test", roles: ["resident"] });
    expect(await verifyCredentials(t.db, "alice@example.test", "wrong", "10.0.1.1")).toBeNull();
    expect(await verifyCredentials(t.db, "nobody@example.test", "wrong", "10.0.1.1")).toBeNull();
  });

  it("locks a place out of an account after repeated failures, naming the wait, even with the right password; never the person from elsewhere", async () => {
    const email = "locked@example.test";
    await anon("10.0.2.1").accounts.signUp({ email, name: "Lou", password: "lou password" });
    for (let i = 0; i < 3; i++) expect(await verifyCredentials(t.db, email, "bad", "10.0.2.10")).toBeNull();
    const err = await verifyCredentials(t.db, email, "lou password", "10.0.2.10").catch((e) => e);
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.params.seconds).toBeGreaterThan(0);
    // The owner, somewhere else, still signs in.
    expect(await verifyCredentials(t.db, email, "lou password", "10.0.2.99")).toMatchObject({ email });
  });

  it("holds back guessing spread over many places, except from where the person signed in before", async () => {
    const email = "spread@example.test";
    await anon("10.0.4.1").accounts.signUp({ email, name: "Sam", password: "sam password" });
    expect(await verifyCredentials(t.db, email, "sam password", "10.0.4.2")).toMatchObject({ email }); // home, known from now on
    // 15 failures (5 × the per-place limit of 3) from 15 places.
    for (let i = 0; i < 15; i++) expect(await verifyCredentials(t.db, email, "bad", `10.0.5.${i}`)).toBeNull();
    const err = await verifyCredentials(t.db, email, "sam password", "10.0.6.1").catch((e) => e);
    expect(err.code).toBe("RATE_LIMITED");
    expect(await verifyCredentials(t.db, email, "sam password", "10.0.4.2")).toMatchObject({ email });
    // That success forgets the account-wide count: a new place is let in again.
    expect(await verifyCredentials(t.db, email, "sam password", "10.0.6.1")).toMatchObject({ email });
  });

  it("limits attempts per IP across accounts", async () => {
    const ip = "10.0.3.1";
    const results = [];
    for (let i = 0; i < 16; i++) results.push(await verifyCredentials(t.db, `x${i}@example.test`, "bad", ip).then(() => "ok", (e) => e.code));
    expect(results.slice(0, 15).every((r) => r === "ok")).toBe(true);
    expect(results[15]).toBe("RATE_LIMITED");
  });
});

describe("accounts.me / changePassword", () => {
  it("needs a session", async () => {
    await expect(anon("10.0.4.1").accounts.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon("10.0.4.1").accounts.changePassword({ currentPassword: "a", newPassword: "bbbbbbbbb" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("changes the password only with the current one", async () => {
    await anon("10.0.4.2").accounts.signUp({ email: "pat@example.test", name: "Pat", password: "first password" });
    const pat = (await t.db.user.findUnique({ where: { email: "pat@example.test" } }))!;
    const api = callerFor(t.db, pat, ["resident"], "10.0.4.2");
    await expect(api.accounts.me()).resolves.toMatchObject({ email: "pat@example.test", roles: ["resident"] });
    await expect(api.accounts.changePassword({ currentPassword: "wrong password", newPassword: "second password" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await verifyPassword((await t.db.user.findUnique({ where: { id: pat.id } }))!.passwordHash, "first password")).toBe(true);
    await expect(api.accounts.changePassword({ currentPassword: "first password", newPassword: "first password" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.accounts.changePassword({ currentPassword: "first password", newPassword: "second password" })).resolves.toEqual({ ok: true });
    const after = (await t.db.user.findUnique({ where: { id: pat.id } }))!;
    expect(await verifyPassword(after.passwordHash, "second password")).toBe(true);
  });

  it("stores the chosen locale and refuses unknown ones", async () => {
    const u = await makeUser(t.db);
    const api = callerFor(t.db, u, ["resident"]);
    await api.accounts.setLocale({ locale: "en" });
    expect((await api.accounts.me()).locale).toBe("en");
    // @ts-expect-error -- wrong on purpose
    await expect(api.accounts.setLocale({ locale: "de" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("signs up with the page's regional locale (en-GB, see i18n/locale.ts) and stores its language", async () => {
    await expect(anon("10.0.0.9").accounts.signUp({ email: "gb@example.test", name: "Gwen", password: "correct horse", locale: "en-GB" })).resolves.toEqual({ ok: true });
    expect((await t.db.user.findUnique({ where: { email: "gb@example.test" } }))!.locale).toBe("en");
    await expect(anon("10.0.0.9").accounts.signUp({ email: "de@example.test", name: "Dora", password: "correct horse", locale: "de-DE" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
