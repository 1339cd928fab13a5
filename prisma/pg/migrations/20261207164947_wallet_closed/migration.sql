-- AlterTable
ALTER TABLE "LedgerAccount" ADD COLUMN     "closedAt" TIMESTAMP(3);

