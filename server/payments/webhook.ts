// POST /api/payments/webhook/<provider>: the provider tells us an intent's outcome.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../db";
import { isAppError } from "../errors";
import { providers } from "./provider";
import { confirmIntent } from "./service";

const MAX_BODY = 64 * 1024;

export async function handlePaymentWebhook(db: Db, req: IncomingMessage, res: ServerResponse, providerId: string) {
  const reply = (status: number, body: object) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  if (req.method !== "POST") return reply(405, { error: "method not allowed" });
  const provider = providers().get(providerId);
  if (!provider) return reply(404, { error: "unknown provider" });
  let body = "";
  try {
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_BODY) return reply(413, { error: "body too large" });
    }
  } catch {
    return reply(400, { error: "could not read body" });
  }
  let event;
  try {
    event = provider.parseWebhook(req.headers, body);
  } catch (e) {
    return reply(400, { error: `rejected: ${(e as Error).message}` });
  }
  try {
    const result = await confirmIntent(db, provider.id, event.providerRef, event.status);
    return reply(200, result);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return reply(404, { error: "unknown payment" });
    console.error("payment webhook failed", e);
    return reply(500, { error: "internal error" });
  }
}
