// Browser journeys against production builds served by server/main.ts, in two projects:
//  - "single": every journey but the cross-instance ones, against "main" (port 3100:
//    SQLite, demo data, no Redis);
//  - "pair": e2e/**/cross-instance.spec.ts, against "a" and "b" (3101, 3102): two instances
//    on one database with REDIS_URL (socket.io events via the Redis adapter).
// `npm test` (scripts/test.ts) builds into .next-test, finds a Chromium, and runs the two
// projects one after the other with E2E_SERVERS set, so that a 2-core machine never runs
// more than the servers the running journeys need. Without E2E_SERVERS all three start.
import os from "node:os";
import { defineConfig, devices } from "@playwright/test";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const PORTS = { main: 3100, a: 3101, b: 3102 } as const;

const server = (port: number, env: Record<string, string>) => ({
  command: "node --import tsx scripts/start.ts",
  url: `http://localhost:${port}/api/health`,
  timeout: 180_000,
  reuseExistingServer: false,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  env: {
    ...(process.env as Record<string, string>),
    NEXT_DIST_DIR: ".next-test",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-0123",
    RATE_LIMIT_AUTH_PER_IP: "10000",
    DATABASE_URL: "",
    ...env,
  },
});

const servers = process.env.E2E_SERVERS ?? "all";
/** One worker per two cores: each drives a browser and the server(s) share the same cores. */
const workers = Number(process.env.E2E_WORKERS) || Math.max(1, Math.floor(os.availableParallelism() / 2));
const CROSS_INSTANCE = /cross-instance\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  forbidOnly: true,
  use: {
    baseURL: `http://localhost:${PORTS.main}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "single", testIgnore: CROSS_INSTANCE, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "pair", testMatch: CROSS_INSTANCE, use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: [
    ...(servers !== "pair" ? [server(PORTS.main, { DATA_DIR: "data/e2e/main", REDIS_URL: "" })] : []),
    ...(servers !== "single"
      ? [
          server(PORTS.a, { DATA_DIR: "data/e2e/shared", REDIS_URL: redisUrl }),
          server(PORTS.b, { DATA_DIR: "data/e2e/shared", REDIS_URL: redisUrl, SEED_DEMO: "false" }),
        ]
      : []),
  ],
});
