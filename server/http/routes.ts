// The one request handler of server/main.ts: tRPC (Node adapter) at /api/trpc, health,
// uploads, photos, the payment webhook and the parking feed as plain handlers, Next.js for the rest.
// Kept apart from main.ts so tests can serve exactly the same routes (server/http/fuzz.test.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";
import { env } from "../../env";
import type { Db } from "../db";
import { log } from "../log";
import { handlePaymentWebhook } from "../payments/webhook";
import { appRouter } from "../root";
import { readSession } from "../auth/session";
import { handleParkingFeed } from "./parking-feed";
import { handlePhotoUpload, servePhoto } from "./photos";
import { handleNoticeFileUpload, serveNoticeFile } from "./notice-files";
import { serveExport } from "./exports";
import { createContextFromHeaders } from "../trpc";
import { refuse } from "./body";
import { crossSiteProblem } from "./origin";
import { stampSecurityHeaders } from "./csp";
import { CLIENT_IP_HEADER } from "./client-ip";
import { REQUEST_PATH_HEADER, requestPath } from "./request-path";
import { health, sendJson } from "./health";

/** The largest API request body: a CSV import is at most 1 MB of text (plus JSON quoting). */
export const MAX_API_BODY_BYTES = 3 * 1024 * 1024;

export type TRoutesOptions = {
  db: Db;
  dbKind: string;
  instance: string;
  trustProxy: boolean;
  isShuttingDown: () => boolean;
  /** Everything that is not one of ours (pages, next-auth). */
  handleNext: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
};

/** `decodeURIComponent` that answers null instead of throwing on broken percent-encoding. */
export function decodePath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function stampClientHeaders(req: IncomingMessage, trustProxy: boolean) {
  const forwarded = req.headers["x-forwarded-for"];
  const proxied = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  req.headers[CLIENT_IP_HEADER] = (trustProxy && proxied) || req.socket.remoteAddress || "unknown";
  if (!trustProxy) {
    // This server speaks plain HTTP; a client must not make next-auth believe otherwise.
    req.headers["x-forwarded-proto"] = "http";
    delete req.headers["x-forwarded-host"];
  }
}

export function createRoutes(o: TRoutesOptions) {
  return (req: IncomingMessage, res: ServerResponse) => {
    stampClientHeaders(req, o.trustProxy);
    const url = req.url ?? "/";
    const [rawPath = "/"] = url.split("?");
    const pathname = decodePath(rawPath);
    // Broken percent-encoding in the path: nobody downstream can route it.
    if (pathname === null) return refuse(req, res, 400, { error: "BAD_REQUEST", message: "The path is not valid percent-encoding" });
    const crossSite = crossSiteProblem(req, pathname, env().PUBLIC_URL);
    if (crossSite) return refuse(req, res, 403, { error: "CROSS_SITE", message: `Refused: ${crossSite} may not change anything here` });

    if (rawPath.startsWith("/api/trpc/")) {
      void nodeHTTPRequestHandler({
        router: appRouter,
        req,
        res,
        path: pathname.slice("/api/trpc/".length),
        maxBodySize: MAX_API_BODY_BYTES,
        createContext: ({ req }) => createContextFromHeaders(req.headers, o.db),
        onError: ({ error, path }) => {
          if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error.cause ?? error, path }, "procedure failed");
        },
      });
      return;
    }
    if (rawPath.startsWith("/media/photos/")) return void servePhoto(req, res, rawPath.slice("/media/photos/".length));
    if (rawPath === "/api/uploads/photo") {
      void readSession(req.headers, o.db).then((s) => handlePhotoUpload(o.db, req, res, s?.userId ?? null));
      return;
    }
    if (rawPath.startsWith("/media/notice-files/")) {
      void readSession(req.headers, o.db)
        .then((s) => serveNoticeFile(o.db, req, res, rawPath.slice("/media/notice-files/".length), s?.userId ?? null))
        .catch((err: unknown) => {
          log.error({ err }, "notice file failed");
          if (!res.headersSent) sendJson(res, 500, { error: "INTERNAL" });
        });
      return;
    }
    if (rawPath === "/api/uploads/notice-file") {
      void readSession(req.headers, o.db)
        .then((s) => handleNoticeFileUpload(o.db, req, res, s?.userId ?? null))
        .catch((err: unknown) => {
          log.error({ err }, "notice file upload failed");
          if (!res.headersSent) sendJson(res, 500, { error: "INTERNAL" });
        });
      return;
    }
    if (rawPath.startsWith("/api/exports/")) {
      void readSession(req.headers, o.db)
        .then((s) => serveExport(o.db, req, res, pathname.slice("/api/exports/".length), s?.userId ?? null))
        .catch((err: unknown) => {
          log.error({ err }, "data export download failed");
          if (!res.headersSent) sendJson(res, 500, { error: "INTERNAL" });
        });
      return;
    }
    if (rawPath === "/api/parking/occupancy") return void handleParkingFeed(o.db, req, res);
    if (rawPath.startsWith("/api/payments/webhook/")) return void handlePaymentWebhook(o.db, req, res, pathname.slice("/api/payments/webhook/".length));
    if (rawPath === "/api/health") {
      if (req.method !== "GET" && req.method !== "HEAD") return refuse(req, res, 405, { error: "method not allowed" });
      void health(o.db, o.dbKind, o.instance, o.isShuttingDown()).then((h) => sendJson(res, h.status === "ok" ? 200 : 503, h));
      return;
    }
    req.headers[REQUEST_PATH_HEADER] = requestPath(url);
    const e = env();
    stampSecurityHeaders(req, res, { mapTileUrl: e.MAP_TILE_URL, publicUrl: e.PUBLIC_URL, isDev: e.NODE_ENV !== "production" });
    void o.handleNext(req, res);
  };
}
