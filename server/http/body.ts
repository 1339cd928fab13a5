// Reading a raw request body with a size limit, for the plain handlers (uploads, webhook).
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./health";

/** Bodies larger than this are not drained after a refusal: the connection is closed instead. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Answers a request refused before or while its body was read, so that the connection stays
 * usable: what is still on its way is read and dropped, so the client can finish sending,
 * read the answer and send its next request on the same connection. A body declared or
 * found larger than 16 MB is not worth draining: the connection is closed instead.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: object) {
  if (!req.complete) {
    if (Number(req.headers["content-length"] ?? 0) > MAX_DRAIN_BYTES) res.setHeader("connection", "close");
    let drained = 0;
    req.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
    });
    req.on("error", () => {});
    req.resume();
  }
  sendJson(res, status, body);
}

export type TBody = { ok: true; data: Buffer } | { ok: false };

/** The whole body, or `{ ok: false }` after answering 413 (too large) or 400 (aborted). */
export function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number, tooLarge: object): Promise<TBody> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) {
    refuse(req, res, 413, tooLarge);
    return Promise.resolve({ ok: false });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let isDone = false;
    const finish = (r: TBody) => {
      if (isDone) return;
      isDone = true;
      req.off("data", onData);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        refuse(req, res, 413, tooLarge);
        return finish({ ok: false });
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish({ ok: true, data: Buffer.concat(chunks) }));
    req.once("error", () => {
      if (!res.headersSent) refuse(req, res, 400, { error: "could not read body" });
      finish({ ok: false });
    });
    req.once("aborted", () => finish({ ok: false }));
  });
}
