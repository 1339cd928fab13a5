// The one server: tRPC (Node adapter) at /api/trpc, socket.io at /socket.io, health at
// /api/health, and Next.js (pages and next-auth) for everything else, on one port.
// tRPC bypasses Next's route handling on purpose: it is much faster (see bench/api.ts).
import { createServer } from "node:http";
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
const { getDb, prepareDb } = await import("./db");
const { createRealtime, instanceName } = await import("./realtime/io");
const { closeRedis } = await import("./redis");
const { log } = await import("./log");
const { createRoutes } = await import("./http/routes");
const { seedIfEmpty } = await import("../prisma/seed");
const { schedule } = await import("./jobs/lease");
const { sendBillReminders } = await import("./bills/reminders");
const { demoFeedTick } = await import("./parking/demo-feed");
const { declineUnanswered } = await import("./repairs/service");
const { publishDue: publishDueNotices } = await import("./notices/service");
const { runExportJob } = await import("./privacy/export");
const { eraseDue: eraseDueAccounts } = await import("./privacy/deletion");

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

let isShuttingDown = false;
const server = createServer(
  createRoutes({ db, dbKind: config.dbKind, instance, trustProxy: config.TRUST_PROXY, isShuttingDown: () => isShuttingDown, handleNext }),
);
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

// Repair requests whose time came with no answer: declined, deposits back (server/repairs/service.ts).
const stopRepairSweep = schedule(db, {
  name: "repair-unanswered",
  holder: instance,
  intervalMs: config.REMINDER_INTERVAL_SECONDS * 1000,
  job: async () => {
    const declined = await declineUnanswered(db);
    if (declined) log.info({ declined }, "unanswered repair requests declined");
  },
  onError: (err) => log.error({ err }, "repair sweep failed"),
});

// Scheduled notices whose time came: published once (the lease, and the conditional update in server/notices/service.ts).
const stopNoticePublisher = schedule(db, {
  name: "notice-publisher",
  holder: instance,
  intervalMs: config.NOTICE_PUBLISH_SECONDS * 1000,
  job: async () => {
    const published = await publishDueNotices(db);
    if (published) log.info({ published }, "scheduled notices published");
  },
  onError: (err) => log.error({ err }, "notice publisher failed"),
});

// Data exports asked for: built (one at a time), dead builds failed, expired files deleted (server/privacy/export.ts).
const stopDataExports = schedule(db, {
  name: "data-exports",
  holder: instance,
  intervalMs: config.DATA_EXPORT_SECONDS * 1000,
  job: async () => {
    const r = await runExportJob(db);
    if (r.built || r.expired || r.failedStale) log.info(r, "data exports");
  },
  onError: (err) => log.error({ err }, "data exports failed"),
});

// Accounts whose deletion's grace period is over: erased, each in one transaction (server/privacy/deletion.ts).
const stopAccountDeletion = schedule(db, {
  name: "account-deletion",
  holder: instance,
  intervalMs: config.REMINDER_INTERVAL_SECONDS * 1000,
  job: async () => {
    const { erased, held } = await eraseDueAccounts(db);
    if (erased || held) log.info({ erased, held }, "accounts erased after their grace period");
  },
  onError: (err) => log.error({ err }, "account deletion failed"),
});

// The demo data's parking feed (server/parking/demo-feed.ts), one instance at a time.
const stopDemoFeed =
  config.SEED_DEMO && config.PARKING_DEMO_FEED_SECONDS > 0
    ? schedule(db, {
        name: "parking-demo-feed",
        holder: instance,
        intervalMs: config.PARKING_DEMO_FEED_SECONDS * 1000,
        job: () => demoFeedTick(db),
        onError: (err) => log.error({ err }, "parking demo feed failed"),
      })
    : async () => {};

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
  await stopRepairSweep();
  await stopNoticePublisher();
  await stopDataExports();
  await stopAccountDeletion();
  await stopDemoFeed();
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
