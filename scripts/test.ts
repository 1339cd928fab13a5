// `npm test`: the whole suite, in order of speed: schema drift, types, unit/service/router
// tests (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), production build, then
// Playwright journeys against the real server.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { buildIfStale } from "./lib/build";
import { deployMigrations } from "./lib/deploy";

const bin = (name: string) => `node_modules/.bin/${name}`;
function step(title: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n── ${title} ──`);
  try {
    execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  } catch {
    console.error(`\n✗ ${title} failed`);
    process.exit(1);
  }
}

const only = process.argv[2]; // "unit" or "e2e" to run one half
if (only !== "e2e") {
  step("schema drift check", "node", ["--import", "tsx", "scripts/db-schema.ts", "--check"]);
  step("type check", bin("tsc"), ["--noEmit"]);
  step(`unit, service and router tests (sqlite${process.env.TEST_DATABASE_URL ? " + postgres" : ""})`, bin("vitest"), ["run"]);
}
if (only !== "unit") {
  console.log("\n── production build for the browser tests ──");
  if (!buildIfStale(".next-test")) {
    console.error("\n✗ build failed");
    process.exit(1);
  }
  // Fresh data for the test servers; the shared one is migrated here so that its two
  // instances do not both migrate the same file at start.
  rmSync("data/e2e", { recursive: true, force: true });
  deployMigrations({ DATABASE_URL: "", DATA_DIR: "data/e2e/shared" });
  step("browser journeys (Playwright)", bin("playwright"), ["test"], { NEXT_DIST_DIR: ".next-test" });
}
console.log("\n✓ all tests passed");
