// Photos over HTTP: POST /api/uploads/photo (raw image body, session cookie, 60 an hour per
// user) and GET /media/photos/<id>.webp (long cache headers: an id never changes content).
// The checks, resizing and storing are the domain service in server/storage/photos.ts.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Db } from "../db";
import { AppError, isAppError } from "../errors";
import { consume, rateLimiter } from "../lib/rate-limit";
import { log } from "../log";
import { MAX_PHOTO_BYTES, photoDir, savePhoto } from "../storage/photos";
import { readBody, refuse } from "./body";
import { sendJson } from "./health";

/** Uploads per user: 60 an hour (shared across instances through Redis when configured). */
export const UPLOADS_PER_HOUR = 60;
const uploadLimiter = () => rateLimiter("upload", () => ({ points: UPLOADS_PER_HOUR, durationSeconds: 3600 }));

/** Counts one upload against the user's hourly budget; false (and a 429 sent) when it is spent. */
export async function takeUpload(req: IncomingMessage, res: ServerResponse, userId: string): Promise<boolean> {
  try {
    await consume(await uploadLimiter(), userId, (seconds) => `Too many uploads, wait ${seconds} s`);
    return true;
  } catch (e) {
    if (!isAppError(e)) throw e;
    const seconds = Number(e.params?.seconds ?? 60);
    res.setHeader("retry-after", String(seconds));
    refuse(req, res, 429, { error: "RATE_LIMITED", seconds });
    return false;
  }
}

/** POST /api/uploads/photo with the image as the raw body. */
export async function handlePhotoUpload(db: Db, req: IncomingMessage, res: ServerResponse, userId: string | null) {
  if (req.method !== "POST") return refuse(req, res, 405, { error: "method not allowed" });
  if (!userId) return refuse(req, res, 401, { error: "UNAUTHENTICATED" });
  if (!(await takeUpload(req, res, userId))) return;
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
  const file = path.join(photoDir(), name);
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
