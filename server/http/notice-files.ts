// A notice's files over HTTP: POST /api/uploads/notice-file?name=<file name> (raw body: a
// PDF or an image; session cookie; the photos' size limit and hourly upload budget, shared
// with them) and GET /media/notice-files/<id>, served only to the notice's audience, its
// managers, or the uploader before it is attached (anyone else: 404, as if it did not exist).
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../db";
import { AppError } from "../errors";
import { log } from "../log";
import { attachmentFile, MAX_NOTICE_FILE_BYTES, saveNoticeFile } from "../notices/files";
import { canReadAttachment } from "../notices/service";
import { readBody, refuse } from "./body";
import { sendJson } from "./health";
import { takeUpload } from "./photos";

export async function handleNoticeFileUpload(db: Db, req: IncomingMessage, res: ServerResponse, userId: string | null) {
  if (req.method !== "POST") return refuse(req, res, 405, { error: "method not allowed" });
  if (!userId) return refuse(req, res, 401, { error: "UNAUTHENTICATED" });
  // Only people who manage a building write notices.
  const manages = await db.buildingManager.count({ where: { userId } });
  if (!manages) return refuse(req, res, 403, { error: "FORBIDDEN" });
  if (!(await takeUpload(req, res, userId))) return;
  const body = await readBody(req, res, MAX_NOTICE_FILE_BYTES, { error: "PHOTO_TOO_LARGE" });
  if (!body.ok) return;
  const name = new URL(req.url ?? "/", "http://x").searchParams.get("name");
  try {
    return sendJson(res, 201, await saveNoticeFile(db, userId, body.data, name));
  } catch (e) {
    if (e instanceof AppError) return sendJson(res, e.code === "PHOTO_TOO_LARGE" ? 413 : 400, { error: e.code });
    log.error({ err: e }, "notice file upload failed");
    return sendJson(res, 500, { error: "INTERNAL" });
  }
}

/** GET /media/notice-files/<id> */
export async function serveNoticeFile(db: Db, req: IncomingMessage, res: ServerResponse, id: string, userId: string | null) {
  const notFound = () => void res.writeHead(404, { "cache-control": "no-store" }).end();
  if (req.method !== "GET" && req.method !== "HEAD") return refuse(req, res, 405, { error: "method not allowed" });
  if (!/^c[a-z0-9]{24}$/.test(id) || !userId) return notFound();
  const row = await canReadAttachment(db, userId, id);
  if (!row) return notFound();
  const { file, type } = attachmentFile(row);
  try {
    const info = await stat(file);
    res.writeHead(200, {
      "content-type": type,
      "content-length": info.size,
      // Private: a shared cache must never hand it to someone else.
      "cache-control": "private, max-age=3600",
      // A PDF is downloaded, not shown inline: browsers' PDF viewers refuse to run under the
      // sandbox below, and the sandbox is what keeps a crafted PDF away from this origin.
      "content-disposition": `${type === "application/pdf" ? "attachment" : "inline"}; filename="${row.name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      "x-content-type-options": "nosniff",
      // A PDF opened from here runs no script of its own against this origin.
      "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    });
    if (req.method === "HEAD") return void res.end();
    createReadStream(file).pipe(res);
  } catch {
    notFound();
  }
}
