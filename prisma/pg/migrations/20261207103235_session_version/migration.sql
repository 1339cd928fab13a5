-- AlterTable
ALTER TABLE "User" ADD COLUMN     "keptSessionId" TEXT,
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

