// `npm start`: validate the configuration, build if the build is missing or stale,
// apply migrations, then run the production server (which seeds an empty database).
import { ConfigError, loadEnv } from "../env";
import { buildIfStale } from "./lib/build";
import { deployMigrations } from "./lib/deploy";

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

try {
  loadEnv();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

if (!buildIfStale()) {
  console.error("The build failed (see above); nothing was started.");
  process.exit(1);
}

try {
  deployMigrations();
} catch {
  console.error("Applying database migrations failed (see above); nothing was started.");
  process.exit(1);
}
await import("../server/main");
