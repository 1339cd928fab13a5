import { execFileSync } from "node:child_process";
import path from "node:path";

export function deployMigrations(extraEnv: Record<string, string | undefined> = {}) {
  const url = extraEnv.DATABASE_URL ?? process.env.DATABASE_URL;
  const isPg = !!url && /^postgres(ql)?:/.test(url);
  const bin = path.join("node_modules", ".bin", "prisma");
  execFileSync(bin, ["migrate", "deploy", "--config", isPg ? "prisma.pg.config.ts" : "prisma.config.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...extraEnv },
  });
}
