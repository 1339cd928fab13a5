// Applies pending migrations to the configured database (SQLite by default,
// PostgreSQL when DATABASE_URL is postgres://…). `npm start` calls this itself.
import { deployMigrations } from "./lib/deploy";

deployMigrations();
