-- CreateTable
CREATE TABLE "CommonRepair" (
    "id" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "staircase" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "area" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommonRepair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommonRepairSupport" (
    "commonRepairId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommonRepairSupport_pkey" PRIMARY KEY ("commonRepairId","userId")
);

-- CreateIndex
CREATE INDEX "CommonRepair_buildingId_status_idx" ON "CommonRepair"("buildingId", "status");

-- CreateIndex
CREATE INDEX "CommonRepairSupport_userId_idx" ON "CommonRepairSupport"("userId");

-- AddForeignKey
ALTER TABLE "CommonRepair" ADD CONSTRAINT "CommonRepair_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonRepair" ADD CONSTRAINT "CommonRepair_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonRepairSupport" ADD CONSTRAINT "CommonRepairSupport_commonRepairId_fkey" FOREIGN KEY ("commonRepairId") REFERENCES "CommonRepair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommonRepairSupport" ADD CONSTRAINT "CommonRepairSupport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

