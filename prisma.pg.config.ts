// Prisma CLI configuration for PostgreSQL (DATABASE_URL=postgres://…). It uses the 7.x
// pg adapter under an alias: 6.19's cannot read the `name` column type the CLI queries.
import path from "node:path";
import { PrismaPg } from "prisma-adapter-pg-cli";
import { defineConfig } from "prisma/config";
import { cliEnvDefaults, postgresUrl } from "./scripts/db-urls";

cliEnvDefaults();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "pg", "schema.prisma"),
  migrations: { path: path.join("prisma", "pg", "migrations") },
   
  adapter: () => Promise.resolve(new PrismaPg(postgresUrl())),
});
