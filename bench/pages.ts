// Page weight and speed, per page of every role, on a throttled phone profile:
//   - JS: compressed JavaScript transferred for the page's first load (the encoded body sizes
//     of every script response, browser cache disabled), after load and a settle;
//   - LCP: Largest Contentful Paint under 4× CPU slowdown, 1.6 Mbps down and up, 150 ms
//     latency (Chrome DevTools Protocol), read from a buffered PerformanceObserver.
// Median of --runs (3) loads per page. Targets: JS ≤ 250 KB, LCP ≤ 2.5 s. Ratios are against
// the static 404 page measured in the same run (the floor: the framework and the shell).
// Not a test: it prints figures and never fails because a machine is slow.
// Usage: npm run bench:pages [-- http://localhost:3000] [--runs 3] [--only bills,messages,admin] (page names, paths or roles)
//        [--why] (prints each page's LCP element)
// Needs a running production server with the demo data (npm start) and Chromium.
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { ROLE_PAGES, resolvePath, signIn } from "../scripts/lib/pages";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const base = (args.find((a) => /^https?:\/\//.test(a)) ?? "http://localhost:3000").replace(/\/$/, "");
const runs = Number(flag("runs") ?? 3);
const only = flag("only")?.split(",");
const showWhy = args.includes("--why");

const TARGET_JS = 250 * 1024;
const TARGET_LCP = 2500;
// The phone profile of issue 15: 4× CPU, 1.6 Mbps (200,000 bytes/s) both ways, 150 ms.
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 };
const CPU_RATE = 4;

type TSample = { js: number; jsRaw: number; scripts: number; lcp: number; why: string; status: number };
type TRow = { role: string; name: string; path: string } & TSample;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One cold load of `path` in `ctx` under the phone profile. */
async function loadOnce(ctx: BrowserContext, path: string): Promise<TSample> {
  const page = await ctx.newPage();
  try {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_RATE });
    const res = await page.goto(base + path, { waitUntil: "commit", timeout: 60_000 });
    // A load that never ends (a stuck request) is measured as it stands after a minute.
    await page.waitForLoadState("load", { timeout: 60_000 }).catch(() => console.warn(`${path}: no load event after 60 s`));
    // Client-side fetches after hydration count towards LCP: wait for the network to settle.
    await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    const figures = await page.evaluate(async () => {
      const lcp = await new Promise<{ at: number; why: string }>((resolve) => {
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as LargestContentfulPaint | undefined;
          const el = last?.element;
          const why = el ? `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"` : "?";
          resolve({ at: last?.startTime ?? 0, why });
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve({ at: 0, why: "no LCP entry" }), 2000);
      });
      const seen = new Set<string>();
      let js = 0;
      let jsRaw = 0;
      for (const e of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
        if (!/\.js(\?|$)/.test(new URL(e.name).pathname + new URL(e.name).search) || seen.has(e.name)) continue;
        seen.add(e.name);
        js += e.encodedBodySize;
        jsRaw += e.decodedBodySize;
      }
      return { lcp: lcp.at, why: lcp.why, js, jsRaw, scripts: seen.size };
    });
    return { ...figures, status: res?.status() ?? 0 };
  } finally {
    await page.close();
  }
}

async function measure(ctx: BrowserContext, path: string): Promise<TSample> {
  const samples: TSample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await loadOnce(ctx, path));
  const byLcp = [...samples].sort((a, b) => a.lcp - b.lcp);
  return {
    js: median(samples.map((s) => s.js)),
    jsRaw: median(samples.map((s) => s.jsRaw)),
    scripts: median(samples.map((s) => s.scripts)),
    lcp: median(samples.map((s) => s.lcp)),
    why: byLcp[Math.floor(byLcp.length / 2)]!.why,
    status: samples[0]!.status,
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

async function main() {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const viewport = { width: 390, height: 844 };
  const rows: TRow[] = [];

  // The baseline first: the static 404 page, signed out.
  const anon = await browser.newContext({ viewport, locale: "fr-FR" });
  const baseline = await measure(anon, "/no-such-page");
  await anon.close();
  console.log(`baseline (404 page): JS ${kb(baseline.js)}, LCP ${sec(baseline.lcp)}; ${runs} run(s) per page, phone profile 4× CPU, 1.6 Mbps, 150 ms\n`);

  for (const { role, email, pages } of ROLE_PAGES) {
    const wanted = only ? pages.filter((p) => only.some((w) => w === role || p.name.includes(w) || p.path.includes(w))) : pages;
    if (!wanted.length) continue;
    const ctx = await browser.newContext({ viewport, locale: "fr-FR", isMobile: true, hasTouch: true });
    const setup = await ctx.newPage();
    if (email) await signIn(setup, base, email);
    for (const { name, path: spec } of wanted) {
      let path: string;
      try {
        path = await resolvePath(setup, base, spec);
      } catch (err) {
        console.warn(`${role} ${name}: cannot resolve ${spec} (${(err as Error).message.split("\n")[0]})`);
        continue;
      }
      const sample = await measure(ctx, path);
      rows.push({ role, name, path, ...sample });
      const over = [sample.js > TARGET_JS ? "JS" : "", sample.lcp > TARGET_LCP ? "LCP" : ""].filter(Boolean).join("+");
      console.log(`${pad(role, 9)} ${pad(name, 24)} ${lpad(kb(sample.js), 7)} ${lpad(sec(sample.lcp), 8)}${over ? `  over: ${over}` : ""}${sample.status >= 400 ? `  (HTTP ${sample.status})` : ""}${showWhy ? `  LCP: ${sample.why}` : ""}`);
    }
    await setup.close();
    await ctx.close();
  }
  await browser.close();

  console.log(`\n| role | page | path | JS (compressed) | JS × 404 | LCP | LCP × 404 | targets (${kb(TARGET_JS)}, ${sec(TARGET_LCP)}) |`);
  console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    const ok = [r.js <= TARGET_JS ? "JS ok" : "JS over", r.lcp <= TARGET_LCP ? "LCP ok" : "LCP over"].join(", ");
    const path = r.path.replace(/[a-z0-9]{20,}/g, "<id>");
    console.log(`| ${r.role} | ${r.name} | ${path} | ${kb(r.js)} (${kb(r.jsRaw)} raw, ${r.scripts} files) | ${(r.js / baseline.js).toFixed(2)} | ${sec(r.lcp)} | ${(r.lcp / baseline.lcp).toFixed(2)} | ${ok}${r.status >= 400 ? ` (HTTP ${r.status})` : ""} |`);
  }
  const overJs = rows.filter((r) => r.js > TARGET_JS).length;
  const overLcp = rows.filter((r) => r.lcp > TARGET_LCP).length;
  console.log(`\n${rows.length} pages: ${overJs} over ${kb(TARGET_JS)} of JS, ${overLcp} over ${sec(TARGET_LCP)} LCP; worst JS ${kb(Math.max(...rows.map((r) => r.js)))}, worst LCP ${sec(Math.max(...rows.map((r) => r.lcp)))}`);
}

await main();
