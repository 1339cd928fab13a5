// `npm test`: the whole suite: schema drift, then unit/service/router tests (SQLite, and
// PostgreSQL when TEST_DATABASE_URL is set) with type check, lint and the production build
// beside them on the other core, then Playwright journeys against the real server. It sets itself up: it finds or installs a
// Chromium (scripts/lib/browser.ts) and runs the two-instance journeys when a Redis answers
// (REDIS_URL, or 127.0.0.1:6379), saying so when none does.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { ensureChromium } from "./lib/browser";
import { buildCommand, buildIfStale, isBuildStale, markBuilt, sourceFingerprint } from "./lib/build";
import { deployMigrations } from "./lib/deploy";
import { DEFAULT_REDIS_URL, redisAnswers } from "./lib/redis-check";

const bin = (name: string) => `node_modules/.bin/${name}`;
type TStep = { title: string; cmd: string; args: string[]; env?: Record<string, string> };

/** Background steps still running, stopped when the run fails. */
const running = new Set<ChildProcess>();

function fail(title: string): never {
  for (const child of running) child.kill();
  console.error(`\n✗ ${title} failed`);
  process.exit(1);
}

/**
 * A step in the foreground, its output on the terminal as it comes. Asynchronous (spawn, not
 * execFileSync): a blocked event loop would hold the background steps' pipes and their turns.
 */
async function step({ title, cmd, args, env = {} }: TStep) {
  console.log(`\n── ${title} ──`);
  const started = Date.now();
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const code = await new Promise<number | null>((resolve) => {
    child.on("close", resolve);
    child.on("error", () => resolve(-1));
  });
  if (code !== 0) fail(title);
  console.log(`(${title}: ${Math.round((Date.now() - started) / 1000)} s)`);
}

/**
 * Steps run one after the other in the background, their output kept and printed when each
 * ends (in full if it failed). The unit tests use one core of two (Vitest runs numCpus - 1
 * workers), so type check, lint and the production build run on the other meanwhile.
 */
function background(steps: TStep[]) {
  const report: string[] = [];
  const done = (async () => {
    for (const { title, cmd, args, env = {} } of steps) {
      const started = Date.now();
      const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
      running.add(child);
      child.on("close", () => running.delete(child));
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => {
        child.on("close", resolve);
        child.on("error", (e) => {
          output += String(e);
          resolve(-1);
        });
      });
      if (code !== 0) return { ok: false as const, title, output, report };
      report.push(`── ${title} (in the background) ──\n(${title}: ${Math.round((Date.now() - started) / 1000)} s)`);
    }
    return { ok: true as const, report };
  })();
  return done;
}

async function finish(done: ReturnType<typeof background>) {
  const result = await done;
  for (const line of result.report) console.log(`\n${line}`);
  if (!result.ok) {
    console.log(`\n── ${result.title} (in the background) ──\n${result.output}`);
    fail(result.title);
  }
}

const only = process.argv[2]; // "unit" or "e2e" to run one half
const E2E_DIST = ".next-test";
let fingerprint: string | null = null;
if (only !== "e2e") {
  await step({ title: "schema drift check", cmd: "node", args: ["--import", "tsx", "scripts/db-schema.ts", "--check"] });
  const beside: TStep[] = [
    { title: "type check", cmd: bin("tsc"), args: ["--noEmit"] },
    { title: "lint", cmd: bin("eslint"), args: ["."] },
  ];
  // The production build for the journeys, if they will run and the sources changed since the last one.
  if (only !== "unit" && isBuildStale(E2E_DIST)) {
    fingerprint = sourceFingerprint();
    beside.push({ title: "production build for the browser tests", ...buildCommand(E2E_DIST) });
  }
  const done = background(beside);
  await step({ title: `unit, service and router tests (sqlite${process.env.TEST_DATABASE_URL ? " + postgres" : ""})`, cmd: bin("vitest"), args: ["run"] });
  await finish(done);
  if (fingerprint) markBuilt(E2E_DIST, fingerprint);
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

  if (!fingerprint && isBuildStale(E2E_DIST)) {
    console.log("\n── production build for the browser tests ──");
    if (!buildIfStale(E2E_DIST)) fail("build");
  }
  // Fresh data for the test servers, so no journey depends on what an earlier run left.
  rmSync("data/e2e", { recursive: true, force: true });
  const env = { NEXT_DIST_DIR: E2E_DIST, CHROMIUM_PATH: chromiumPath };
  await step({ title: "browser journeys (Playwright, one server)", cmd: bin("playwright"), args: ["test", "--project", "single"], env: { ...env, E2E_SERVERS: "single" } });
  if (hasRedis) {
    // The shared database is migrated here so that its two instances do not both migrate it.
    deployMigrations({ DATABASE_URL: "", DATA_DIR: "data/e2e/shared" });
    await step({ title: "browser journeys across two instances (Playwright, Redis)", cmd: bin("playwright"), args: ["test", "--project", "pair"], env: { ...env, E2E_SERVERS: "pair", REDIS_URL: redisUrl } });
  } else {
    console.log(
      `\n── left out: the journeys across two instances (e2e/**/cross-instance.spec.ts) ──\n` +
        `No Redis answers at ${redisUrl} and REDIS_URL is not set. Start one (redis-server) or set REDIS_URL to run them.`,
    );
  }
}
console.log("\n✓ all tests passed");
