// Database URLs for the Prisma CLI configs, resolved the same way as env.ts does.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function cliEnvDefaults() {
  // Insurance (see ENVIRONMENT.md): with these pointing at any existing file, a schema
  // error shows as itself instead of as a failed engine download.
  const any = require.resolve("prisma/package.json");
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= any;
  process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= any;
}

export function sqliteUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("file:")) return url;
  const dataDir = path.resolve(process.env.DATA_DIR || "data");
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  return `file:${path.join(dataDir, "quartier.db")}`;
}

export function postgresUrl(): string {
  const url = process.env.DATABASE_URL;
  // `migrate diff` between datamodels never connects; any URL will do then.
  return url && /^postgres(ql)?:/.test(url) ? url : "postgresql://postgres@127.0.0.1:5432/postgres";
}
