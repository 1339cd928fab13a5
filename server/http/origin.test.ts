// State-changing requests from another site are refused before anything runs; this site's
// pages, non-browser clients and the server-to-server endpoints go on.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../env";
import { createTestDb, type TTestDb } from "../test/db";
import { makeUser } from "../test/factories";
import { crossSiteProblem } from "./origin";
import { createRoutes } from "./routes";

const req = (method: string, headers: Record<string, string>) => ({ method, headers: { host: "quartier.test:3000", ...headers } }) as unknown as IncomingMessage;

describe("crossSiteProblem", () => {
  it("lets reads, same-origin writes and non-browser clients through", () => {
    expect(crossSiteProblem(req("GET", { "sec-fetch-site": "cross-site" }), "/api/trpc/x", undefined)).toBeNull();
    expect(crossSiteProblem(req("POST", { "sec-fetch-site": "same-origin" }), "/api/trpc/x", undefined)).toBeNull();
    expect(crossSiteProblem(req("POST", { "sec-fetch-site": "none" }), "/api/trpc/x", undefined)).toBeNull();
    expect(crossSiteProblem(req("POST", { origin: "http://quartier.test:3000" }), "/api/trpc/x", undefined)).toBeNull();
    expect(crossSiteProblem(req("POST", { origin: "https://quartier.example" }), "/api/trpc/x", "https://quartier.example")).toBeNull();
    expect(crossSiteProblem(req("POST", {}), "/api/trpc/x", undefined)).toBeNull();
  });

  it("refuses writes from another site, a sibling site or an opaque origin", () => {
    expect(crossSiteProblem(req("POST", { "sec-fetch-site": "cross-site" }), "/api/trpc/x", undefined)).toBe("a cross-site request");
    expect(crossSiteProblem(req("POST", { "sec-fetch-site": "same-site" }), "/api/uploads/photo", undefined)).toBe("a same-site request");
    expect(crossSiteProblem(req("DELETE", { origin: "https://evil.example" }), "/api/trpc/x", undefined)).toBe("a request from evil.example");
    expect(crossSiteProblem(req("POST", { origin: "null" }), "/api/auth/callback/credentials", undefined)).toBe("an unreadable Origin");
  });

  it("does not ask the sensor feed and the payment webhook, which authenticate otherwise", () => {
    const evil = { "sec-fetch-site": "cross-site" };
    expect(crossSiteProblem(req("POST", evil), "/api/parking/occupancy", undefined)).toBeNull();
    expect(crossSiteProblem(req("POST", evil), "/api/payments/webhook/sandbox", undefined)).toBeNull();
    expect(crossSiteProblem(req("POST", evil), "/api/parking/occupancy/x", undefined)).toBe("a cross-site request");
  });
});

describe("through the server", () => {
  let t: TTestDb;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    t = await createTestDb();
    server = createServer(createRoutes({ db: t.db, dbKind: t.kind, instance: "origin", trustProxy: false, isShuttingDown: () => false, handleNext: async (_req, res) => void res.writeHead(404).end() }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.cleanup();
  });

  it("refuses a signed-in person's mutation sent from another site, changing nothing; the same from the site itself works", async () => {
    const user = await makeUser(t.db);
    const cookie = `next-auth.session-token=${await encode({ secret: env().authSecret, token: { sub: user.id, email: user.email, name: user.name, roles: ["resident"] } })}`;
    const send = (headers: Record<string, string>) =>
      fetch(`${base}/api/trpc/accounts.setLocale`, { method: "POST", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ json: { locale: "en" } }) });
    const refused = await send({ "sec-fetch-site": "cross-site", origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "CROSS_SITE" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
    const ok = await send({ "sec-fetch-site": "same-origin" });
    expect(ok.status).toBe(200);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
  });
});
