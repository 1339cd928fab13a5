// Browser journeys against production builds served by server/main.ts:
//  - "main" (port 3100): SQLite, demo data, no Redis;
//  - "a" and "b" (3101, 3102): two instances on one database with REDIS_URL, for what
//    must cross instances (socket.io events via the Redis adapter).
// `npm test` builds into .next-test and prepares the data folders before this runs.
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

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 2,
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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    server(PORTS.main, { DATA_DIR: "data/e2e/main", REDIS_URL: "" }),
    server(PORTS.a, { DATA_DIR: "data/e2e/shared", REDIS_URL: redisUrl }),
    server(PORTS.b, { DATA_DIR: "data/e2e/shared", REDIS_URL: redisUrl, SEED_DEMO: "false" }),
  ],
});
