// `npm test`: the whole suite, in order of speed: schema drift, types, lint, unit/service/router
// tests (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), production build, then
// Playwright journeys against the real server. It sets itself up: it finds or installs a
// Chromium (scripts/lib/browser.ts) and runs the two-instance journeys when a Redis answers
// (REDIS_URL, or 127.0.0.1:6379), saying so when none does.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { ensureChromium } from "./lib/browser";
import { buildIfStale } from "./lib/build";
import { deployMigrations } from "./lib/deploy";
import { DEFAULT_REDIS_URL, redisAnswers } from "./lib/redis-check";

const bin = (name: string) => `node_modules/.bin/${name}`;
function step(title: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n── ${title} ──`);
  const started = Date.now();
  try {
    execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  } catch {
    console.error(`\n✗ ${title} failed`);
    process.exit(1);
  }
  console.log(`(${title}: ${Math.round((Date.now() - started) / 1000)} s)`);
}

const only = process.argv[2]; // "unit" or "e2e" to run one half
if (only !== "e2e") {
  step("schema drift check", "node", ["--import", "tsx", "scripts/db-schema.ts", "--check"]);
  step("type check", bin("tsc"), ["--noEmit"]);
  step("lint", bin("eslint"), ["."]);
  step(`unit, service and router tests (sqlite${process.env.TEST_DATABASE_URL ? " + postgres" : ""})`, bin("vitest"), ["run"]);
}
if (only !== "unit") {
  console.log("\n── a browser for the journeys ──");
  const chromiumPath = ensureChromium();
  if (!chromiumPath) process.exit(1);

  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const hasRedis = await redisAnswers(redisUrl);
  if (!hasRedis && process.env.REDIS_URL) {
    console.error(`\n✗ REDIS_URL is set (${redisUrl}) but no Redis answers there`);
    process.exit(1);
  }

  console.log("\n── production build for the browser tests ──");
  if (!buildIfStale(".next-test")) {
    console.error("\n✗ build failed");
    process.exit(1);
  }
  // Fresh data for the test servers, so no journey depends on what an earlier run left.
  rmSync("data/e2e", { recursive: true, force: true });
  const env = { NEXT_DIST_DIR: ".next-test", CHROMIUM_PATH: chromiumPath };
  step("browser journeys (Playwright, one server)", bin("playwright"), ["test", "--project", "single"], { ...env, E2E_SERVERS: "single" });
  if (hasRedis) {
    // The shared database is migrated here so that its two instances do not both migrate it.
    deployMigrations({ DATABASE_URL: "", DATA_DIR: "data/e2e/shared" });
    step("browser journeys across two instances (Playwright, Redis)", bin("playwright"), ["test", "--project", "pair"], { ...env, E2E_SERVERS: "pair", REDIS_URL: redisUrl });
  } else {
    console.log(
      `\n── left out: the journeys across two instances (e2e/**/cross-instance.spec.ts) ──\n` +
        `No Redis answers at ${redisUrl} and REDIS_URL is not set. Start one (redis-server) or set REDIS_URL to run them.`,
    );
  }
}
console.log("\n✓ all tests passed");
