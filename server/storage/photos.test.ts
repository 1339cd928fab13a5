// Photos: checked, resized to at most 1200 px and re-encoded as WebP (dropping EXIF),
// stored under STORAGE_DIR/photos, uploaded and served over plain HTTP.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../env";
import { createTestDb, type TTestDb } from "../test/db";
import { makeUser } from "../test/factories";
import { handlePhotoUpload, servePhoto, UPLOADS_PER_HOUR } from "../http/photos";
import { MAX_PHOTO_BYTES, savePhoto } from "./photos";

let t: TTestDb;
let storage: string;
let server: Server;
let base: string;
let owner: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  // A private storage directory: set before the configuration is (re)read.
  storage = mkdtempSync(path.join(tmpdir(), "quartier-photos-"));
  process.env.STORAGE_DIR = storage;
  (globalThis as { __quartierEnv?: unknown }).__quartierEnv = undefined;
  expect(env().storageDir).toBe(path.resolve(storage));
  t = await createTestDb();
  owner = await makeUser(t.db, ["merchant"], "Photographer");
  server = createServer((req, res) => {
    const url = req.url ?? "";
    if (url.startsWith("/media/photos/")) return void servePhoto(req, res, url.slice("/media/photos/".length).split("?")[0]!);
    // Stands in for the session: the tests say who is signed in.
    if (url === "/api/uploads/photo") return void handlePhotoUpload(t.db, req, res, (req.headers["x-test-user"] as string | undefined) ?? null);
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

const photosDir = () => path.join(storage, "photos");
const stored = () => {
  try {
    return readdirSync(photosDir()).sort();
  } catch {
    return [];
  }
};
const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 180, g: 60, b: 20 } } });

describe("savePhoto", () => {
  it("stores a PNG as WebP no larger than 1200 px, keeping the aspect ratio", async () => {
    const png = await image(2400, 1600).png().toBuffer();
    const saved = await savePhoto(t.db, owner.id, png);
    expect(saved).toEqual({ id: expect.stringMatching(/^[a-z0-9]{10,40}$/), url: `/media/photos/${saved.id}.webp`, width: 1200, height: 800 });
    const file = path.join(photosDir(), `${saved.id}.webp`);
    const meta = await sharp(readFileSync(file)).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 1200, height: 800 });
    expect(await t.db.photo.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ ownerId: owner.id, width: 1200, height: 800, bytes: statSync(file).size });
    // Only the finished file: no temporary left behind.
    expect(stored().filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("limits the height of tall images and never enlarges small ones", async () => {
    const tall = await savePhoto(t.db, owner.id, await image(600, 3000).jpeg().toBuffer());
    expect([tall.width, tall.height]).toEqual([240, 1200]);
    const small = await savePhoto(t.db, owner.id, await image(300, 200).webp().toBuffer());
    expect([small.width, small.height]).toEqual([300, 200]);
  });

  it("drops EXIF (GPS position, author) and applies the orientation", async () => {
    const jpeg = await image(300, 200)
      .jpeg()
      .withExif({ IFD0: { Artist: "Jeanne Secret", Copyright: "Jeanne" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "45/1 46/1 0/1" } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const saved = await savePhoto(t.db, owner.id, jpeg);
    const bytes = readFileSync(path.join(photosDir(), `${saved.id}.webp`));
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(bytes.includes(Buffer.from("Jeanne Secret"))).toBe(false);
    // A portrait photo stored sideways with "rotate 90°" comes out upright.
    const sideways = await image(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const upright = await savePhoto(t.db, owner.id, sideways);
    expect([upright.width, upright.height]).toEqual([200, 300]);
    expect((await sharp(readFileSync(path.join(photosDir(), `${upright.id}.webp`))).metadata()).orientation ?? 1).toBe(1);
  });

  it("refuses what is not a JPEG, PNG or WebP image (PHOTO_INVALID) and stores nothing", async () => {
    const before = { files: stored(), rows: await t.db.photo.count() };
    const gif = await image(20, 20).gif().toBuffer();
    const tiff = await image(20, 20).tiff().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');
    const fullJpeg = await image(800, 600).jpeg().toBuffer();
    const truncated = fullJpeg.subarray(0, Math.floor(fullJpeg.length / 2));
    const fullPng = await image(800, 600).png().toBuffer();
    const cutPng = fullPng.subarray(0, 120);
    for (const [what, data] of [
      ["text", Buffer.from("hello, I am not an image\n".repeat(20))],
      ["empty", Buffer.alloc(0)],
      ["gif", gif],
      ["tiff", tiff],
      ["svg", svg],
      ["truncated jpeg", truncated],
      ["truncated png", cutPng],
    ] as const) {
      await expect(savePhoto(t.db, owner.id, data), what).rejects.toMatchObject({ code: "PHOTO_INVALID" });
    }
    expect({ files: stored(), rows: await t.db.photo.count() }).toEqual(before);
  });

  it("refuses more than 5 MB (PHOTO_TOO_LARGE) before looking at it", async () => {
    const before = await t.db.photo.count();
    await expect(savePhoto(t.db, owner.id, Buffer.alloc(MAX_PHOTO_BYTES + 1))).rejects.toMatchObject({ code: "PHOTO_TOO_LARGE" });
    expect(MAX_PHOTO_BYTES).toBe(5 * 1024 * 1024);
    expect(await t.db.photo.count()).toBe(before);
  });
});

/** A raw HTTP request (no URL normalisation, optional chunked body). */
function raw(method: string, urlPath: string, opts: { headers?: Record<string, string>; body?: Buffer; chunked?: boolean } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${urlPath}`, { method, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    // The path is sent exactly as given.
    req.path = urlPath;
    if (opts.body && opts.chunked) {
      for (let i = 0; i < opts.body.length; i += 64 * 1024) req.write(opts.body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(opts.body);
  });
}

describe("HTTP: upload and serve", () => {
  it("refuses uploads without a signed-in user (401) and other methods (405)", async () => {
    const before = await t.db.photo.count();
    const png = await image(50, 50).png().toBuffer();
    const res = await fetch(`${base}/api/uploads/photo`, { method: "POST", body: png });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "UNAUTHENTICATED" });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await fetch(`${base}/api/uploads/photo`, { headers: { "x-test-user": owner.id } })).status).toBe(405);
    expect(await t.db.photo.count()).toBe(before);
  });

  it("stores an upload (201) and serves it with long cache headers, 304 on revalidation", async () => {
    const png = await image(1500, 1000).png().toBuffer();
    const up = await fetch(`${base}/api/uploads/photo`, { method: "POST", body: png, headers: { "content-type": "image/png", "x-test-user": owner.id } });
    expect(up.status).toBe(201);
    const saved = (await up.json()) as { id: string; url: string; width: number; height: number };
    expect(saved).toMatchObject({ url: `/media/photos/${saved.id}.webp`, width: 1200, height: 800 });
    expect((await t.db.photo.findUniqueOrThrow({ where: { id: saved.id } })).ownerId).toBe(owner.id);

    const got = await fetch(`${base}${saved.url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/webp");
    expect(got.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = got.headers.get("etag");
    expect(etag).toBe(`"${saved.id}.webp"`);
    const body = Buffer.from(await got.arrayBuffer());
    expect(body.equals(readFileSync(path.join(photosDir(), `${saved.id}.webp`)))).toBe(true);
    expect(Number(got.headers.get("content-length"))).toBe(body.length);

    const again = await fetch(`${base}${saved.url}`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(`${base}${saved.url}`, { headers: { "if-none-match": '"something-else.webp"' } })).status).toBe(200);
    const head = await raw("HEAD", saved.url);
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it(`limits each user to ${UPLOADS_PER_HOUR} uploads an hour (429 with Retry-After), others unaffected`, async () => {
    const busy = await makeUser(t.db, ["merchant"], "Busy Uploader");
    const send = (userId: string) => fetch(`${base}/api/uploads/photo`, { method: "POST", body: "x", headers: { "x-test-user": userId } });
    // Every attempt counts, good or bad: these tiny bodies are refused as not images.
    for (let i = 0; i < UPLOADS_PER_HOUR; i++) expect((await send(busy.id)).status).toBe(400);
    const limited = await send(busy.id);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: "RATE_LIMITED" });
    const other = await makeUser(t.db, ["merchant"], "Other Uploader");
    expect((await send(other.id)).status).toBe(400);
  });

  it("answers 400 for something that is not a photo and 413 for too much", async () => {
    const before = { files: stored(), rows: await t.db.photo.count() };
    const bad = await fetch(`${base}/api/uploads/photo`, { method: "POST", body: "not an image at all", headers: { "x-test-user": owner.id } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "PHOTO_INVALID" });
    // A damaged photo is the sender's problem (400), not a server error (500).
    const jpeg = await image(800, 600).jpeg().toBuffer();
    const damaged = await fetch(`${base}/api/uploads/photo`, { method: "POST", body: jpeg.subarray(0, jpeg.length >> 1), headers: { "x-test-user": owner.id } });
    expect(damaged.status).toBe(400);
    expect(await damaged.json()).toEqual({ error: "PHOTO_INVALID" });

    const big = Buffer.alloc(MAX_PHOTO_BYTES + 1, 1);
    const declared = await fetch(`${base}/api/uploads/photo`, { method: "POST", body: big, headers: { "x-test-user": owner.id } });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: "PHOTO_TOO_LARGE" });
    // Without a content-length (chunked), the limit holds while reading.
    const streamed = await raw("POST", "/api/uploads/photo", { body: big, chunked: true, headers: { "x-test-user": owner.id } });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body.toString())).toEqual({ error: "PHOTO_TOO_LARGE" });
    expect({ files: stored(), rows: await t.db.photo.count() }).toEqual(before);
  });

  it("answers 404 for unknown photos and for names that are not photo ids", async () => {
    expect((await fetch(`${base}/media/photos/abcdefghijklmnopqrstuvwxy.webp`)).status).toBe(404);
    for (const name of ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fenv.ts", "ABCDEFGHIJKLMNOP.webp", "abcdefghijklmnop.webp.tmp", "abcdefghijklmnop.png", "short.webp", "abcdefghijklmnop.webp/../../x"]) {
      const res = await raw("GET", `/media/photos/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.body.length, name).toBe(0);
    }
  });
});
