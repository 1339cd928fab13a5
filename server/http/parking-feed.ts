// POST /api/parking/occupancy: operators' sensor feeds (server/parking/feed.ts). Bearer key
// per operator; at most PARKING_FEED_PER_MINUTE batches a minute per key (Redis-counted when
// configured); a body of at most 512 KB of JSON. Answers 200 with what was applied, left
// unchanged and refused per item; 400 for a malformed batch, 401 without a valid key, 413,
// 429 with Retry-After.
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../../env";
import type { Db } from "../db";
import { isAppError } from "../errors";
import { consume, rateLimiter } from "../lib/rate-limit";
import { log } from "../log";
import { ingest, operatorOfKey } from "../parking/feed";
import { readBody, refuse } from "./body";
import { sendJson } from "./health";

const MAX_BODY = 512 * 1024;

export async function handleParkingFeed(db: Db, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== "POST") return refuse(req, res, 405, { error: "method not allowed" });
  const auth = req.headers.authorization;
  const key = typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7).trim() : null;
  try {
    const who = await operatorOfKey(db, key);
    if (!who) {
      res.setHeader("www-authenticate", 'Bearer realm="parking feed"');
      return refuse(req, res, 401, { error: "UNAUTHENTICATED", message: "A valid operator key is needed (Authorization: Bearer qpk_…)" });
    }
    const limiter = await rateLimiter("parking:feed", () => ({ points: env().PARKING_FEED_PER_MINUTE, durationSeconds: 60 }));
    try {
      await consume(limiter, who.keyId, (s) => `Too many batches, wait ${s} s`);
    } catch (e) {
      if (isAppError(e) && e.code === "RATE_LIMITED") {
        res.setHeader("retry-after", String(e.params?.seconds ?? 60));
        return refuse(req, res, 429, { error: "RATE_LIMITED", message: e.message });
      }
      throw e;
    }
    const body = await readBody(req, res, MAX_BODY, { error: "PAYLOAD_TOO_LARGE", message: "At most 512 KB per batch" });
    if (!body.ok) return;
    let json: unknown;
    try {
      json = JSON.parse(body.data.toString("utf8"));
    } catch {
      return sendJson(res, 400, { error: "INVALID_INPUT", message: "The body is not JSON" });
    }
    return sendJson(res, 200, await ingest(db, who.operatorId, json));
  } catch (e) {
    if (isAppError(e) && e.code === "INVALID_INPUT") return sendJson(res, 400, { error: "INVALID_INPUT", message: e.message });
    log.error({ err: e }, "parking feed failed");
    if (!res.headersSent) sendJson(res, 500, { error: "INTERNAL", message: "Internal error" });
  }
}
