// Sessions end when they should (issue 16): a password change signs out every other session
// (their tokens are refused by the API and the pages, next-auth will not renew them) and cuts
// their open sockets at once; the session that made the change stays.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextFromHeaders } from "../trpc";
import { createCaller } from "../root";
import { createTestDb, type TTestDb } from "../test/db";
import { makeUser } from "../test/factories";
import { sessionCookie, startRealtime, type TTestRealtime } from "../test/realtime";
import { authOptions } from "./options";
import { hashPassword } from "./password";
import { readSession } from "./session";

let t: TTestDb;
let rt: TTestRealtime;

beforeAll(async () => {
  t = await createTestDb();
  rt = await startRealtime(t.db);
});
afterAll(async () => {
  await rt.close();
  await t.cleanup();
});

type TUser = { id: string; email: string; name: string };
const cookieOf = (user: TUser, claims: Record<string, unknown>) => sessionCookie(user, claims);
const open = (cookie: string): Promise<Socket> => rt.open(cookie);

const apiAs = async (cookie: string) => createCaller(await createContextFromHeaders({ cookie }, t.db));
const change = { currentPassword: "correct horse", newPassword: "a new long password" };
let knownHash: string;
/** A user whose password is "correct horse". */
async function makeUserWithPassword() {
  knownHash ??= await hashPassword(change.currentPassword);
  const user = await makeUser(t.db);
  return t.db.user.update({ where: { id: user.id }, data: { passwordHash: knownHash } });
}

describe("ending sessions on a password change", () => {
  it("keeps the session that changed it, signs out the others, and cuts their sockets at once", async () => {
    const user = await makeUserWithPassword();
    const other = await makeUser(t.db);
    const [a, b, legacy, stranger] = await Promise.all([
      cookieOf(user, { sid: "session-a", sv: 0 }),
      cookieOf(user, { sid: "session-b", sv: 0 }),
      cookieOf(user, {}), // a token from before sessions had an id and a version
      cookieOf(other, { sid: "session-x", sv: 0 }),
    ]);
    for (const c of [a, b, legacy, stranger]) expect(await readSession({ cookie: c }, t.db)).not.toBeNull();
    const [socketA, socketB, socketX] = await Promise.all([open(a), open(b), open(stranger)]);
    const cut = new Promise<string>((resolve) => socketB.on("disconnect", resolve));

    await (await apiAs(a)).accounts.changePassword(change);

    // B's socket is cut by the server, A's and the other person's stay.
    expect(await cut).toBe("io server disconnect");
    await new Promise((r) => setTimeout(r, 200));
    expect(socketA.connected).toBe(true);
    expect(socketX.connected).toBe(true);
    // B and the old-style token are refused everywhere a session is read: the API, the pages, new sockets.
    expect(await readSession({ cookie: b }, t.db)).toBeNull();
    expect(await readSession({ cookie: legacy }, t.db)).toBeNull();
    await expect((await apiAs(b)).accounts.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(open(b)).rejects.toThrow("UNAUTHENTICATED");
    // A goes on, and so does someone else's session.
    expect((await (await apiAs(a)).accounts.me()).id).toBe(user.id);
    expect(await readSession({ cookie: stranger }, t.db)).not.toBeNull();
    // A new sign-in gets the new version and stands.
    const fresh = await cookieOf(user, { sid: "session-c", sv: 1 });
    expect((await readSession({ cookie: fresh }, t.db))?.userId).toBe(user.id);
  });

  it("a second change from another kept session ends the first kept one", async () => {
    const user = await makeUserWithPassword();
    const a = await cookieOf(user, { sid: "a", sv: 0 });
    await (await apiAs(a)).accounts.changePassword(change);
    const c = await cookieOf(user, { sid: "c", sv: 1 });
    await (await apiAs(c)).accounts.changePassword({ currentPassword: change.newPassword, newPassword: "third long password" });
    expect(await readSession({ cookie: a }, t.db)).toBeNull();
    expect(await readSession({ cookie: c }, t.db)).not.toBeNull();
  });

  it("a wrong current password ends nothing", async () => {
    const user = await makeUserWithPassword();
    const [a, b] = await Promise.all([cookieOf(user, { sid: "a", sv: 0 }), cookieOf(user, { sid: "b", sv: 0 })]);
    await expect((await apiAs(a)).accounts.changePassword({ ...change, currentPassword: "not the password" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await readSession({ cookie: b }, t.db)).not.toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
  });

  it("next-auth's own session endpoint does not renew an ended session", async () => {
    const user = await makeUserWithPassword();
    const jwt = authOptions(t.db).callbacks!.jwt!;
    // Signing in stamps the session's id and the user's version.
    const signedIn = await jwt({ token: { sub: user.id }, user: { id: user.id, sessionVersion: 0 } as never, account: null, trigger: "signIn" });
    expect(signedIn).toMatchObject({ sv: 0, sid: expect.any(String) });
    await (await apiAs(await cookieOf(user, { sid: "another", sv: 0 }))).accounts.changePassword(change);
    await expect(jwt({ token: signedIn, user: undefined as never, account: null })).rejects.toThrow("SESSION_ENDED");
  });
});
