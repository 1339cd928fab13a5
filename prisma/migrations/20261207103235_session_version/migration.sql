-- Sessions end on a password change (issue 16): added in place (no table rebuild).
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "keptSessionId" TEXT;
