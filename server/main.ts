// The one server: tRPC (Node adapter) at /api/trpc, socket.io at /socket.io, health at
// /api/health, and Next.js (pages and next-auth) for everything else, on one port.
// tRPC bypasses Next's route handling on purpose: it is much faster (see bench/api.ts).
import { createServer, type IncomingMessage } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, env as readEnv, type TEnv } from "../env";

let config: TEnv;
try {
  config = readEnv();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
// Next's bundle and next-auth read these; make them agree with what was resolved here.
process.env.AUTH_SECRET = config.authSecret;
process.env.NEXTAUTH_SECRET = config.authSecret;
process.env.AUTH_TRUST_HOST ??= "1";
process.env.NEXT_TELEMETRY_DISABLED = "1";
if (config.PUBLIC_URL) process.env.NEXTAUTH_URL ??= config.PUBLIC_URL;

const { default: next } = await import("next");
const { nodeHTTPRequestHandler } = await import("@trpc/server/adapters/node-http");
const { getDb, prepareDb } = await import("./db");
const { appRouter } = await import("./root");
const { createContextFromHeaders } = await import("./trpc");
const { createRealtime, instanceName } = await import("./realtime/io");
const { closeRedis } = await import("./redis");
const { health, sendJson } = await import("./http/health");
const { CLIENT_IP_HEADER } = await import("./http/client-ip");
const { log } = await import("./log");
const { seedIfEmpty } = await import("../prisma/seed");
const { handlePaymentWebhook } = await import("./payments/webhook");
const { schedule } = await import("./jobs/lease");
const { sendBillReminders } = await import("./bills/reminders");
const { handlePhotoUpload, servePhoto } = await import("./storage/photos");
const { readSession } = await import("./auth/session");

const isDev = config.NODE_ENV !== "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const instance = instanceName(config.PORT);

const db = getDb();
await prepareDb(db, config.databaseUrl);
if (config.SEED_DEMO) {
  const seeded = await seedIfEmpty(db);
  if (seeded) log.info({ accounts: seeded.accounts }, "seeded the demo neighbourhood");
}

const app = next({ dev: isDev, dir: root, hostname: "localhost", port: config.PORT });
await app.prepare();
const handleNext = app.getRequestHandler();
const handleUpgrade = app.getUpgradeHandler();

function stampClientHeaders(req: IncomingMessage) {
  const forwarded = req.headers["x-forwarded-for"];
  const proxied = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  req.headers[CLIENT_IP_HEADER] = (config.TRUST_PROXY && proxied) || req.socket.remoteAddress || "unknown";
  if (!config.TRUST_PROXY) {
    // This server speaks plain HTTP; a client must not make next-auth believe otherwise.
    req.headers["x-forwarded-proto"] = "http";
    delete req.headers["x-forwarded-host"];
  }
}

let isShuttingDown = false;
const server = createServer((req, res) => {
  stampClientHeaders(req);
  const url = req.url ?? "/";
  if (url.startsWith("/api/trpc/")) {
    const procedurePath = url.slice("/api/trpc/".length).split("?")[0]!;
    void nodeHTTPRequestHandler({
      router: appRouter,
      req,
      res,
      path: decodeURIComponent(procedurePath),
      createContext: ({ req }) => createContextFromHeaders(req.headers),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error.cause ?? error, path }, "procedure failed");
      },
    });
    return;
  }
  if (url.startsWith("/media/photos/")) {
    void servePhoto(req, res, url.slice("/media/photos/".length).split("?")[0]!);
    return;
  }
  if (url === "/api/uploads/photo") {
    void readSession(req.headers).then((s) => handlePhotoUpload(db, req, res, s?.userId ?? null));
    return;
  }
  if (url.startsWith("/api/payments/webhook/")) {
    const providerId = decodeURIComponent(url.slice("/api/payments/webhook/".length).split("?")[0]!);
    void handlePaymentWebhook(db, req, res, providerId);
    return;
  }
  if (url === "/api/health" || url.startsWith("/api/health?")) {
    void health(db, config.dbKind, instance, isShuttingDown).then((h) => sendJson(res, h.status === "ok" ? 200 : 503, h));
    return;
  }
  void handleNext(req, res);
});
server.keepAliveTimeout = 65_000;

const realtime = await createRealtime(server, db, { isDev, instance });
if (isDev) {
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io")) void handleUpgrade(req, socket, head);
  });
}

await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(config.PORT, config.HOST, resolve);
});
// Scheduled jobs: every instance runs the timer; a database lease lets one send at a time.
const stopReminders = schedule(db, {
  name: "bill-reminders",
  holder: instance,
  intervalMs: config.REMINDER_INTERVAL_SECONDS * 1000,
  job: async () => {
    const { sent } = await sendBillReminders(db);
    if (sent) log.info({ sent }, "bill reminders sent");
  },
  onError: (err) => log.error({ err }, "bill reminders failed"),
});

const shownHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
console.log(
  `Quartier ready on http://${shownHost}:${config.PORT} (${isDev ? "development" : "production"}, ${config.dbKind}` +
    `${config.REDIS_URL ? ", redis" : ""})`,
);

async function shutdown(signal: string) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  log.info({ signal }, "shutting down: no new connections, finishing requests");
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await realtime.close();
  await stopReminders();
  // In-flight requests get 10 s to finish; then the remaining connections are cut.
  const timer = setTimeout(() => server.closeAllConnections(), 10_000);
  await closed;
  clearTimeout(timer);
  await app.close?.().catch(() => {});
  await db.$disconnect();
  await closeRedis();
  log.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
