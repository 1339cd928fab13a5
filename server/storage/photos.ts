// Photos, the domain service that chat and shops use: checked (real image, allowed type,
// size), resized to at most 1200 px, re-encoded as WebP (which also drops EXIF such as GPS
// position), stored as STORAGE_DIR/photos/<id>.webp. Their HTTP face (upload, serving) is
// server/http/photos.ts.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { env } from "../../env";
import type { Db } from "../db";
import { AppError } from "../errors";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ALLOWED = new Set(["jpeg", "png", "webp"]);
const MAX_SIDE = 1200;
/** A small file claiming a huge canvas (a decompression bomb) is refused before decoding. */
const MAX_INPUT_PIXELS = 50_000_000;

export const photoDir = () => path.join(env().storageDir, "photos");
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
  await mkdir(photoDir(), { recursive: true });
  const file = path.join(photoDir(), `${photo.id}.webp`);
  // Written under a temporary name and renamed, so a reader never sees half a file.
  await writeFile(`${file}.tmp`, out.data);
  await rename(`${file}.tmp`, file);
  return { id: photo.id, url: photoUrl(photo.id)!, width: photo.width, height: photo.height };
}
