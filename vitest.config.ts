import path from "node:path";
import { defineConfig } from "vitest/config";

// Database tests run on a fresh SQLite file per test file; with TEST_DATABASE_URL set, the
// same files run again on a fresh PostgreSQL database each (project "postgres").
const shared = { include: ["**/*.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**", ".next-*/**", "generated/**", "data/**", "test-results/**"] };

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname) } },
  test: {
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ["./server/test/setup.ts"],
    projects: [
      { extends: true, test: { ...shared, name: "sqlite", env: { TEST_DB: "sqlite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { ...shared, name: "postgres", include: ["server/**/*.test.ts"], exclude: [...shared.exclude, "**/*.sqlite.test.ts"], env: { TEST_DB: "postgres" } } }]
        : []),
    ],
  },
});
