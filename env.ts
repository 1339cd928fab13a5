// Configuration: every variable the app reads, validated once with zod. A wrong value
// stops the process with one line naming the variable; no variable is required.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("data"),
  /** Uploaded photos; defaults to <DATA_DIR>/storage. Share it between instances. */
  STORAGE_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .refine((u) => u.startsWith("file:") || /^postgres(ql)?:\/\/.+/.test(u), {
      message: "must be file:<path> (SQLite) or postgres://… (PostgreSQL)",
    })
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, "must start with redis:// or rediss://").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_URL: z.url({ message: "must be an absolute URL such as https://quartier.example" }).optional(),
  TRUST_PROXY: flag.default(false),
  SEED_DEMO: flag.default(true),
  CURRENCY: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR").default("EUR"),
  /** The region English dates, times and numbers read as (ISO 3166 code): GB gives "15 Dec 2026, 20:25". i18n/locale.ts formatLocale(). */
  FORMAT_REGION: z.string().regex(/^[A-Za-z]{2}$/, "must be a two-letter country code such as GB").default("GB"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RATE_LIMIT_AUTH_PER_IP: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_AUTH_PER_ACCOUNT: z.coerce.number().int().min(1).default(8),
  /** Chat messages a user may send per 10 seconds. */
  RATE_LIMIT_CHAT_PER_10S: z.coerce.number().int().min(1).default(20),
  BENCH: flag.default(false),
  /** Map tiles for the parking map ({z}/{x}/{y}); "none" shows markers on a plain background. */
  MAP_TILE_URL: z.string().regex(/^(none|https?:\/\/.*\{z\}.*\{x\}.*\{y\}.*)$/, "must be none or an http(s) URL with {z}, {x} and {y}").default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  /** The credit the tile provider asks for (HTML not allowed: shown as text). */
  MAP_ATTRIBUTION: z.string().max(300).default("© OpenStreetMap contributors"),
  /** How often the demo data's parking feed moves the demo places' free spaces; 0 turns it off. */
  PARKING_DEMO_FEED_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  /** Occupancy batches an operator key may send per minute (POST /api/parking/occupancy). */
  PARKING_FEED_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Minutes after which a parking place's free-space count is shown as unknown. */
  PARKING_STALE_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  /** The built-in sandbox payment provider (credits top-ups at once). Off in a real deployment. */
  PAYMENTS_SANDBOX: flag.default(true),
  /** How often the bill-reminder job looks for bills to remind about, in seconds. */
  REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /** How often scheduled notices are looked for (they go out at most this late). */
  NOTICE_PUBLISH_SECONDS: z.coerce.number().int().min(1).max(3_600).default(20),
  /** How often asked-for data exports are looked for and built, and expired ones deleted (server/privacy/export.ts). */
  DATA_EXPORT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(5),
});

export type TEnv = z.infer<typeof ZEnv> & {
  dataDir: string;
  storageDir: string;
  databaseUrl: string;
  dbKind: "sqlite" | "postgres";
  authSecret: string;
  secureCookies: boolean;
};

export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError whose message is one line naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): z.infer<typeof ZEnv> {
  // An empty variable means "unset", so `FOO= npm start` falls back to the default.
  const cleaned = Object.fromEntries(
    Object.keys(ZEnv.shape).map((k) => [k, source[k] === "" ? undefined : source[k]]),
  );
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = cleaned[name];
    throw new ConfigError(
      `Configuration error: ${name} ${issue.message.replace(/^Invalid input: /, "")}` +
        (got === undefined ? "" : ` (got "${got}")`),
    );
  }
  return parsed.data;
}

function resolveSecret(dataDir: string, given?: string): string {
  if (given) return given;
  // First start without AUTH_SECRET: generate one and keep it beside the data so that
  // sessions survive restarts. Several instances must share it (same DATA_DIR or AUTH_SECRET).
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  return secret;
}

export function loadEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const raw = parseEnv(source);
  const dataDir = path.resolve(raw.DATA_DIR);
  const databaseUrl = raw.DATABASE_URL ?? `file:${path.join(dataDir, "quartier.db")}`;
  return {
    ...raw,
    dataDir,
    storageDir: path.resolve(raw.STORAGE_DIR ?? path.join(dataDir, "storage")),
    databaseUrl,
    dbKind: databaseUrl.startsWith("file:") ? "sqlite" : "postgres",
    authSecret: resolveSecret(dataDir, raw.AUTH_SECRET ?? source.NEXTAUTH_SECRET),
    secureCookies: raw.PUBLIC_URL?.startsWith("https://") ?? false,
  };
}

const g = globalThis as { __quartierEnv?: TEnv };

/** The process's configuration, parsed on first use and shared by the server and Next's bundle. */
export function env(): TEnv {
  return (g.__quartierEnv ??= loadEnv());
}
