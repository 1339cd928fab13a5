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

/** Whether the build in distDir is missing or older than the sources. */
export function isBuildStale(distDir: string): boolean {
  const stamp = path.join(distDir, "quartier-sources.sha256");
  return !(existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === sourceFingerprint());
}

/** The command that builds into distDir, for those who run it themselves (scripts/test.ts). */
export function buildCommand(distDir: string) {
  return {
    cmd: path.join("node_modules", ".bin", "next"),
    args: ["build"],
    env: { NODE_ENV: "production" as const, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  };
}

/** Records that distDir was built from the sources as they are now. */
export function markBuilt(distDir: string, fingerprint = sourceFingerprint()) {
  writeFileSync(path.join(distDir, "quartier-sources.sha256"), fingerprint);
}

/** Returns false when the build failed (its output is on the terminal). */
export function buildIfStale(distDir = process.env.NEXT_DIST_DIR || ".next"): boolean {
  if (!isBuildStale(distDir)) return true;
  const fingerprint = sourceFingerprint();
  console.log(`Building Quartier into ${distDir} (first start or sources changed)…`);
  const { cmd, args, env } = buildCommand(distDir);
  try {
    execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  } catch {
    return false;
  }
  markBuilt(distDir, fingerprint);
  return true;
}
