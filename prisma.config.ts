// Prisma CLI configuration for the embedded SQLite database (the default).
// PostgreSQL has its own config, prisma.pg.config.ts. See ENVIRONMENT notes in README.
import path from "node:path";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";
import { cliEnvDefaults, sqliteUrl } from "./scripts/db-urls";

cliEnvDefaults();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: () => Promise.resolve(new PrismaLibSQL({ url: sqliteUrl() })),
});
