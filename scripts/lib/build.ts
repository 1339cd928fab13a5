// Builds Next.js only when the sources changed since the last build in that folder.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "server", "i18n", "messages", "public", "env.ts", "next.config.js", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];

/** A hash of everything a build depends on. */
export function sourceFingerprint(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else if (!p.endsWith(".test.ts")) {
      h.update(p).update(readFileSync(p));
    }
  };
  SOURCES.forEach(walk);
  return h.digest("hex");
}

/** Returns false when the build failed (its output is on the terminal). */
export function buildIfStale(distDir = process.env.NEXT_DIST_DIR || ".next"): boolean {
  const stamp = path.join(distDir, "quartier-sources.sha256");
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) return true;
  console.log(`Building Quartier into ${distDir} (first start or sources changed)…`);
  try {
    execFileSync(path.join("node_modules", ".bin", "next"), ["build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    });
  } catch {
    return false;
  }
  writeFileSync(stamp, fingerprint);
  return true;
}
