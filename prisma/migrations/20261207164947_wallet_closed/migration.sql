-- AlterTable
ALTER TABLE "LedgerAccount" ADD COLUMN "closedAt" DATETIME;

