// A data export over HTTP: GET /api/exports/<id> sends the ZIP to its owner, signed in, while
// it is ready and not expired. Anyone else, or any other moment, gets 404, as if it did not
// exist. The building and the rules are server/privacy/export.ts.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../db";
import { ID_PATTERN } from "../lib/input";
import { downloadable } from "../privacy/export";
import { refuse } from "./body";

/** GET /api/exports/<id> */
export async function serveExport(db: Db, req: IncomingMessage, res: ServerResponse, id: string, userId: string | null) {
  const notFound = () => void res.writeHead(404, { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" }).end("Not found");
  if (req.method !== "GET" && req.method !== "HEAD") return refuse(req, res, 405, { error: "method not allowed" });
  if (!userId || !ID_PATTERN.test(id)) return notFound();
  const found = await downloadable(db, userId, id);
  if (!found) return notFound();
  let size: number;
  try {
    size = (await stat(found.file)).size;
  } catch {
    return notFound();
  }
  res.writeHead(200, {
    "content-type": "application/zip",
    "content-length": size,
    "content-disposition": `attachment; filename="${found.name}"`,
    // Personal data: never stored by a shared cache, nor by the browser's.
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") return void res.end();
  createReadStream(found.file)
    .on("error", () => res.destroy())
    .pipe(res);
}
