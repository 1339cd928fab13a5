// A notice's attached files: a PDF (checked by its header, stored as is under
// STORAGE_DIR/notice-files/<id>.pdf) or an image (through the photo service: checked,
// resized, re-encoded, EXIF dropped). Same size limit and upload rate as photos. Unlike
// photos they are served only to the notice's audience and managers (server/http/notice-files.ts).
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "../../env";
import type { Db } from "../db";
import { AppError } from "../errors";
import { MAX_PHOTO_BYTES, photoDir, savePhoto } from "../storage/photos";

export const MAX_NOTICE_FILE_BYTES = MAX_PHOTO_BYTES;
export const noticeFileDir = () => path.join(env().storageDir, "notice-files");
export const attachmentUrl = (id: string) => `/media/notice-files/${id}`;

/** Where an attachment's bytes are, and their type. */
export function attachmentFile(a: { id: string; kind: string; photoId: string | null }) {
  return a.kind === "pdf" ? { file: path.join(noticeFileDir(), `${a.id}.pdf`), type: "application/pdf" } : { file: path.join(photoDir(), `${a.photoId}.webp`), type: "image/webp" };
}

/** A display name: no path, no control characters, at most 120 characters. */
export function cleanFileName(raw: string | null | undefined, fallback: string): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>]/g, "").trim().slice(0, 120);
  return clean || fallback;
}

const MB = Math.round(MAX_NOTICE_FILE_BYTES / 1024 / 1024);

export async function saveNoticeFile(db: Db, ownerId: string, data: Buffer, rawName: string | null) {
  if (data.length === 0) throw new AppError("FILE_INVALID", "The file is empty", { mb: MB });
  if (data.length > MAX_NOTICE_FILE_BYTES) throw new AppError("PHOTO_TOO_LARGE", `Files are limited to ${MB} MB`, { mb: MB });
  const isPdf = data.subarray(0, 5).toString("latin1") === "%PDF-";
  if (isPdf) {
    // A PDF ends with its "%%EOF" marker (a little trailing whitespace allowed): without it
    // the file was cut short on the way, and no reader would open what residents receive.
    if (!data.subarray(-1024).toString("latin1").includes("%%EOF")) throw new AppError("FILE_INVALID", "This PDF is incomplete: it was cut short", { mb: MB });
    const name = cleanFileName(rawName, "document.pdf");
    const row = await db.noticeAttachment.create({ data: { ownerId, kind: "pdf", name: name.toLowerCase().endsWith(".pdf") ? name : `${name}.pdf`, bytes: data.length } });
    await mkdir(noticeFileDir(), { recursive: true });
    const file = path.join(noticeFileDir(), `${row.id}.pdf`);
    // Written under a temporary name and renamed, so a reader never sees half a file.
    await writeFile(`${file}.tmp`, data);
    await rename(`${file}.tmp`, file);
    return { id: row.id, kind: "pdf" as const, name: row.name, bytes: row.bytes, url: attachmentUrl(row.id) };
  }
  let photo;
  try {
    photo = await savePhoto(db, ownerId, data);
  } catch (e) {
    if (e instanceof AppError && e.code === "PHOTO_INVALID") throw new AppError("FILE_INVALID", "Only PDF files or JPEG, PNG and WebP images", { mb: MB });
    throw e;
  }
  const stored = await db.photo.findUniqueOrThrow({ where: { id: photo.id }, select: { bytes: true } });
  const row = await db.noticeAttachment.create({ data: { ownerId, kind: "image", name: cleanFileName(rawName, "image").replace(/\.[a-z0-9]+$/i, "") + ".webp", bytes: stored.bytes, photoId: photo.id } });
  return { id: row.id, kind: "image" as const, name: row.name, bytes: row.bytes, url: attachmentUrl(row.id) };
}
