// POST /api/payments/webhook/<provider>: the provider tells us an intent's outcome.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../db";
import { isAppError } from "../errors";
import { readBody, refuse } from "../http/body";
import { sendJson } from "../http/health";
import { log } from "../log";
import { providers } from "./provider";
import { confirmIntent } from "./service";

const MAX_BODY = 64 * 1024;

export async function handlePaymentWebhook(db: Db, req: IncomingMessage, res: ServerResponse, providerId: string) {
  const reply = (status: number, body: object) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  if (req.method !== "POST") return refuse(req, res, 405, { error: "method not allowed" });
  const provider = providers().get(providerId);
  if (!provider) return refuse(req, res, 404, { error: "unknown provider" });
  const body = await readBody(req, res, MAX_BODY, { error: "body too large" });
  if (!body.ok) return;
  const text = body.data.toString("utf8");
  let event;
  try {
    event = provider.parseWebhook(req.headers, text);
  } catch (e) {
    return reply(400, { error: `rejected: ${(e as Error).message}` });
  }
  if (!event.providerRef.isWellFormed() || event.providerRef.length > 200) return sendJson(res, 400, { error: "rejected: bad body" });
  try {
    const result = await confirmIntent(db, provider.id, event.providerRef, event.status);
    return reply(200, result);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return reply(404, { error: "unknown payment" });
    log.error({ err: e }, "payment webhook failed");
    return reply(500, { error: "internal error" });
  }
}
