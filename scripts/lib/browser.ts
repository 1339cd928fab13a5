// Finding (or installing) a Chromium for the browser journeys, so that `npm test` works on a
// machine that has nothing but Node. In order: CHROMIUM_PATH, Playwright's own browser cache,
// the system's Chromium; if none, `playwright install chromium` (where it can download), then,
// on Debian as root, `apt-get install chromium`.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function found(): { path: string; from: string } | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return { path: configured, from: "CHROMIUM_PATH" };
    console.warn(`CHROMIUM_PATH=${configured} does not exist; looking elsewhere`);
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own, from: "Playwright's browser cache" };
  } catch {
    // Playwright knows no browser of its own for this platform.
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  return system ? { path: system, from: "the system" } : null;
}

function attempt(title: string, cmd: string, args: string[]): boolean {
  console.log(`No Chromium found: ${title}…`);
  try {
    execFileSync(cmd, args, { stdio: "inherit", timeout: 15 * 60_000 });
    return true;
  } catch {
    console.log(`(${title} did not work)`);
    return false;
  }
}

/** The path of a Chromium to drive, installing one if needed; null when none can be had. */
export function ensureChromium(): string | null {
  let browser = found();
  if (!browser) {
    attempt("installing Playwright's Chromium (npx playwright install chromium)", "node_modules/.bin/playwright", ["install", "chromium"]);
    browser = found();
  }
  const isRoot = process.getuid?.() === 0;
  if (!browser && isRoot && existsSync("/usr/bin/apt-get")) {
    if (attempt("installing Debian's chromium (apt-get install chromium)", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"])) browser = found();
  }
  if (!browser) {
    console.error(
      "No Chromium could be found or installed. Install one (on Debian: `sudo apt-get install chromium`), or point CHROMIUM_PATH at a Chrome/Chromium binary.",
    );
    return null;
  }
  console.log(`Chromium: ${browser.path} (from ${browser.from})`);
  return browser.path;
}
