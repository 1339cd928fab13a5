-- CreateTable
CREATE TABLE "CommonRepair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buildingId" TEXT NOT NULL,
    "staircase" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "area" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "startedAt" DATETIME,
    "doneAt" DATETIME,
    "withdrawnAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CommonRepair_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommonRepair_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommonRepairSupport" (
    "commonRepairId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("commonRepairId", "userId"),
    CONSTRAINT "CommonRepairSupport_commonRepairId_fkey" FOREIGN KEY ("commonRepairId") REFERENCES "CommonRepair" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommonRepairSupport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CommonRepair_buildingId_status_idx" ON "CommonRepair"("buildingId", "status");

-- CreateIndex
CREATE INDEX "CommonRepairSupport_userId_idx" ON "CommonRepairSupport"("userId");

