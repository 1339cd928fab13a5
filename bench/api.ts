// API throughput, one authenticated read (accounts.me) served three ways, in one run:
//   1. tRPC's Node adapter in server/main.ts (what Quartier does),
//   2. the same router behind a Next.js route handler (exists only with BENCH=1),
//   3. bare node:http running the same query (the floor).
// Prints req/s, p99 and ratios. Not a test: it never fails because a machine is slow.
// Usage: npm run bench:api [-- --seconds 10 --connections 50]
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import autocannon from "autocannon";
import { buildIfStale } from "../scripts/lib/build";
import { deployMigrations } from "../scripts/lib/deploy";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg("seconds", 10);
const connections = arg("connections", 50);
const PORT = 3200;
const BARE = 3201;
const env: Record<string, string | undefined> = {
  ...process.env,
  NODE_ENV: "production",
  BENCH: "true",
  DATA_DIR: "data/bench",
  DATABASE_URL: "",
  REDIS_URL: "",
  LOG_LEVEL: "warn",
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
  RATE_LIMIT_AUTH_PER_IP: "100000",
};

function start(args: string[], readyText: string, extra: Record<string, string> = {}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", ["--import", "tsx", ...args], {
      env: { ...env, ...extra } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.on("data", (d: Buffer) => d.toString().includes(readyText) && resolve(child));
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}`)));
  });
}

async function signIn(): Promise<string> {
  const base = `http://127.0.0.1:${PORT}`;
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: "resident@quartier.test", password: "quartier-demo", json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.includes("session-token"));
  if (!session) throw new Error("bench: sign-in failed");
  return session.split(";")[0]!;
}

async function measure(title: string, url: string, cookie: string) {
  const check = await fetch(url, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`${title}: ${url} answered ${check.status}`);
  await autocannon({ url, connections, duration: 2, headers: { cookie } }); // warm-up
  const r = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  if (r.non2xx > 0 || r.errors > 0) console.warn(`${title}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { title, rps: r.requests.average, p99: r.latency.p99 };
}

if (!buildIfStale()) process.exit(1);
rmSync("data/bench", { recursive: true, force: true });
deployMigrations({ DATABASE_URL: "", DATA_DIR: "data/bench" });
const app = await start(["server/main.ts"], "Quartier ready", { PORT: String(PORT), HOST: "127.0.0.1" });
const bare = await start(["bench/bare-server.ts"], "bare ready", { BARE_PORT: String(BARE) });
try {
  const cookie = await signIn();
  console.log(`accounts.me, ${connections} connections, ${seconds} s each (after 2 s warm-up)\n`);
  const results = [
    await measure("tRPC node adapter (Quartier)", `http://127.0.0.1:${PORT}/api/trpc/accounts.me`, cookie),
    await measure("tRPC in a Next route handler", `http://127.0.0.1:${PORT}/api/bench/trpc/accounts.me`, cookie),
    await measure("bare node:http, same query", `http://127.0.0.1:${BARE}/`, cookie),
  ];
  const next = results[1]!.rps;
  const bareRps = results[2]!.rps;
  for (const r of results) {
    console.log(
      `${r.title.padEnd(32)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   ` +
        `${(r.rps / next).toFixed(2)}× Next handler   ${((r.rps / bareRps) * 100).toFixed(0)}% of bare`,
    );
  }
} finally {
  app.kill("SIGTERM");
  bare.kill("SIGTERM");
}
