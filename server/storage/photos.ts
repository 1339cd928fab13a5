// Photos: checked (real image, allowed type, size), resized to at most 1200 px, re-encoded
// as WebP (which also drops EXIF such as GPS position), stored as STORAGE_DIR/photos/<id>.webp
// and served with long cache headers (the id never changes content).
import { createReadStream } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import sharp from "sharp";
import { env } from "../../env";
import type { Db } from "../db";
import { AppError, isAppError } from "../errors";
import { consume, rateLimiter } from "../lib/rate-limit";
import { readBody, refuse } from "../http/body";
import { sendJson } from "../http/health";
import { log } from "../log";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ALLOWED = new Set(["jpeg", "png", "webp"]);
const MAX_SIDE = 1200;
/** A small file claiming a huge canvas (a decompression bomb) is refused before decoding. */
const MAX_INPUT_PIXELS = 50_000_000;

const dir = () => path.join(env().storageDir, "photos");
export const photoUrl = (id: string | null | undefined) => (id ? `/media/photos/${id}.webp` : null);

export async function savePhoto(db: Db, ownerId: string, data: Buffer) {
  if (data.length === 0) throw new AppError("PHOTO_INVALID", "The file is empty");
  if (data.length > MAX_PHOTO_BYTES) throw new AppError("PHOTO_TOO_LARGE", "Photos are limited to 5 MB", { mb: 5 });
  let meta;
  try {
    meta = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new AppError("PHOTO_INVALID", "This is not an image Quartier can read (JPEG, PNG or WebP)");
  }
  if (!meta.format || !ALLOWED.has(meta.format)) throw new AppError("PHOTO_INVALID", "Only JPEG, PNG or WebP images");
  let out;
  try {
    out = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
  } catch {
    // A readable header over a truncated or corrupt body: a bad file, not a server error.
    throw new AppError("PHOTO_INVALID", "This image is damaged or incomplete");
  }
  const photo = await db.photo.create({ data: { ownerId, width: out.info.width, height: out.info.height, bytes: out.data.length } });
  await mkdir(dir(), { recursive: true });
  const file = path.join(dir(), `${photo.id}.webp`);
  // Written under a temporary name and renamed, so a reader never sees half a file.
  await writeFile(`${file}.tmp`, out.data);
  await rename(`${file}.tmp`, file);
  return { id: photo.id, url: photoUrl(photo.id)!, width: photo.width, height: photo.height };
}

/** Uploads per user: 60 an hour (shared across instances through Redis when configured). */
export const UPLOADS_PER_HOUR = 60;
const uploadLimiter = () => rateLimiter("upload", () => ({ points: UPLOADS_PER_HOUR, durationSeconds: 3600 }));

/** POST /api/uploads/photo with the image as the raw body. */
export async function handlePhotoUpload(db: Db, req: IncomingMessage, res: ServerResponse, userId: string | null) {
  if (req.method !== "POST") return refuse(req, res, 405, { error: "method not allowed" });
  if (!userId) return refuse(req, res, 401, { error: "UNAUTHENTICATED" });
  try {
    await consume(await uploadLimiter(), userId, (seconds) => `Too many uploads, wait ${seconds} s`);
  } catch (e) {
    if (!isAppError(e)) throw e;
    const seconds = Number(e.params?.seconds ?? 60);
    res.setHeader("retry-after", String(seconds));
    return refuse(req, res, 429, { error: "RATE_LIMITED", seconds });
  }
  const body = await readBody(req, res, MAX_PHOTO_BYTES, { error: "PHOTO_TOO_LARGE" });
  if (!body.ok) return;
  try {
    return sendJson(res, 201, await savePhoto(db, userId, body.data));
  } catch (e) {
    if (e instanceof AppError) return sendJson(res, e.code === "PHOTO_TOO_LARGE" ? 413 : 400, { error: e.code });
    log.error({ err: e }, "photo upload failed");
    return sendJson(res, 500, { error: "INTERNAL" });
  }
}

/** GET /media/photos/<id>.webp */
export async function servePhoto(req: IncomingMessage, res: ServerResponse, name: string) {
  if (!/^[a-z0-9]{10,40}\.webp$/.test(name)) {
    res.writeHead(404).end();
    return;
  }
  const file = path.join(dir(), name);
  try {
    const info = await stat(file);
    if (req.headers["if-none-match"] === `"${name}"`) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, {
      "content-type": "image/webp",
      "content-length": info.size,
      "cache-control": "public, max-age=31536000, immutable",
      etag: `"${name}"`,
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") return void res.end();
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404, { "cache-control": "no-store" }).end();
  }
}
