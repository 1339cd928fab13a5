// A notice's files over HTTP: only managers upload; a PDF is kept as is, an image goes
// through the photo service; bad files are refused and store nothing; a file is served to
// the notice's audience and its managers only (anyone else, signed out included: 404).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../env";
import { createTestDb, type TTestDb } from "../test/db";
import { makeBuilding, makeUser } from "../test/factories";
import { handleNoticeFileUpload, serveNoticeFile } from "../http/notice-files";
import { cleanFileName } from "./files";
import { create } from "./service";

let t: TTestDb;
let storage: string;
let server: Server;
let base: string;
const people: Record<"manager" | "resident" | "stairB" | "stranger", { id: string }> = {} as never;
let buildingId = "";

beforeAll(async () => {
  storage = mkdtempSync(path.join(tmpdir(), "quartier-notice-files-"));
  process.env.STORAGE_DIR = storage;
  (globalThis as { __quartierEnv?: unknown }).__quartierEnv = undefined;
  expect(env().storageDir).toBe(path.resolve(storage));
  t = await createTestDb();
  people.manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, people.manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "B", floor: 1, door: "101" },
  ]);
  buildingId = building.id;
  people.resident = await makeUser(t.db, ["resident"], "Resident A");
  people.stairB = await makeUser(t.db, ["resident"], "Resident B");
  people.stranger = await makeUser(t.db, ["resident"], "Stranger");
  await t.db.membership.create({ data: { userId: people.resident.id, unitId: units[0]!.id, buildingId, status: "active", joinedVia: "code" } });
  await t.db.membership.create({ data: { userId: people.stairB.id, unitId: units[1]!.id, buildingId, status: "active", joinedVia: "code" } });
  server = createServer((req, res) => {
    const url = req.url ?? "";
    // Stands in for the session: the tests say who is signed in.
    const userId = (req.headers["x-test-user"] as string | undefined) ?? null;
    if (url.startsWith("/media/notice-files/")) return void serveNoticeFile(t.db, req, res, url.slice("/media/notice-files/".length), userId);
    if (url.startsWith("/api/uploads/notice-file")) return void handleNoticeFileUpload(t.db, req, res, userId);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.cleanup();
  delete process.env.STORAGE_DIR;
  (globalThis as { __quartierEnv?: unknown }).__quartierEnv = undefined;
  rmSync(storage, { recursive: true, force: true });
});

function call(method: string, url: string, userId: string | null, body?: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = userId ? { "x-test-user": userId } : {};
    if (body) headers["content-length"] = String(body.length);
    const req = request(`${base}${url}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const files = () => {
  try {
    return readdirSync(path.join(storage, "notice-files"));
  } catch {
    return [];
  }
};

describe("notice files", () => {
  it("a manager uploads a PDF and an image; residents of the notice's staircase read them; nobody else does", async () => {
    const pdf = await call("POST", `/api/uploads/notice-file?name=${encodeURIComponent("Plan des travaux.pdf")}`, people.manager.id, PDF);
    expect(pdf.status).toBe(201);
    const pdfBody = JSON.parse(pdf.body.toString()) as { id: string; kind: string; name: string; url: string };
    expect(pdfBody).toMatchObject({ kind: "pdf", name: "Plan des travaux.pdf", url: `/media/notice-files/${pdfBody.id}` });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
    const img = await call("POST", "/api/uploads/notice-file?name=photo.png", people.manager.id, png);
    expect(img.status).toBe(201);
    const imgBody = JSON.parse(img.body.toString()) as { id: string; kind: string; name: string };
    expect(imgBody).toMatchObject({ kind: "image", name: "photo.webp" });
    // Before it is attached, only the uploader sees it.
    expect((await call("GET", pdfBody.url, people.manager.id)).status).toBe(200);
    expect((await call("GET", pdfBody.url, people.resident.id)).status).toBe(404);
    await create(t.db, people.manager.id, {
      targets: [{ buildingId, staircase: "A" }],
      title: "Works in staircase A",
      body: "See the plan.",
      category: "works",
      urgency: "normal",
      startsAt: null,
      endsAt: null,
      publishAt: null,
      expiresAt: null,
      pinned: false,
      attachmentIds: [pdfBody.id, imgBody.id],
    });
    const got = await call("GET", pdfBody.url, people.resident.id);
    expect(got.status).toBe(200);
    expect(got.headers["content-type"]).toBe("application/pdf");
    expect(got.headers["cache-control"]).toContain("private");
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
    expect(got.headers["content-disposition"]).toBe(`attachment; filename="Plan des travaux.pdf"; filename*=UTF-8''Plan%20des%20travaux.pdf`);
    expect(got.body.equals(PDF)).toBe(true);
    expect((await call("GET", `/media/notice-files/${imgBody.id}`, people.resident.id)).headers["content-type"]).toBe("image/webp");
    for (const who of [people.stairB.id, people.stranger.id, null]) expect((await call("GET", pdfBody.url, who)).status).toBe(404);
  });

  it("refuses residents, signed-out callers and files that are neither PDF nor image, storing nothing", async () => {
    const before = { rows: await t.db.noticeAttachment.count(), files: files().length };
    expect((await call("POST", "/api/uploads/notice-file", people.resident.id, PDF)).status).toBe(403);
    expect((await call("POST", "/api/uploads/notice-file", null, PDF)).status).toBe(401);
    const bad = await call("POST", "/api/uploads/notice-file?name=x.exe", people.manager.id, Buffer.from("MZ not a pdf"));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())).toEqual({ error: "FILE_INVALID" });
    expect((await call("POST", "/api/uploads/notice-file", people.manager.id, Buffer.alloc(0))).status).toBe(400);
    // A PDF cut short on the way (no end-of-file marker) is refused too (issue 16, found by the fuzz test).
    const cut = await call("POST", "/api/uploads/notice-file?name=plan.pdf", people.manager.id, PDF.subarray(0, 40));
    expect(cut.status).toBe(400);
    expect(JSON.parse(cut.body.toString())).toEqual({ error: "FILE_INVALID" });
    expect((await call("POST", "/api/uploads/notice-file", people.manager.id, Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)]))).status).toBe(413);
    expect((await call("GET", "/api/uploads/notice-file", people.manager.id)).status).toBe(405);
    expect({ rows: await t.db.noticeAttachment.count(), files: files().length }).toEqual(before);
  });

  it("keeps display names harmless", () => {
    expect(cleanFileName("../../etc/passwd", "x")).toBe("passwd");
    expect(cleanFileName('a"<b>\u0000.pdf', "x")).toBe("ab.pdf");
    expect(cleanFileName("", "document.pdf")).toBe("document.pdf");
    expect(cleanFileName("C:\\Users\\me\\plan.pdf", "x")).toBe("plan.pdf");
  });
});
