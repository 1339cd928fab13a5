-- Hand-added: the CHECK on RepairBooking (Prisma does not know CHECKs; a redefine of the table drops it, re-add it there).
-- CreateTable
CREATE TABLE "RepairService" (
    "shopId" TEXT NOT NULL PRIMARY KEY,
    "calloutFeeCents" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "mode" TEXT NOT NULL DEFAULT 'exact',
    "windowCapacity" INTEGER NOT NULL DEFAULT 1,
    "stepMinutes" INTEGER NOT NULL DEFAULT 30,
    "bufferMinutes" INTEGER NOT NULL DEFAULT 0,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 120,
    "horizonDays" INTEGER NOT NULL DEFAULT 21,
    "cancelCutoffMinutes" INTEGER NOT NULL DEFAULT 120,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RepairService_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepairCategory" (
    "serviceId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,

    PRIMARY KEY ("serviceId", "category"),
    CONSTRAINT "RepairCategory_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService" ("shopId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepairHours" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens" TEXT NOT NULL,
    "closes" TEXT NOT NULL,
    CONSTRAINT "RepairHours_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService" ("shopId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepairException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "opens" TEXT,
    "closes" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "RepairException_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService" ("shopId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepairBooking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "unitId" TEXT,
    "category" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "holdExpiresAt" DATETIME,
    "description" TEXT NOT NULL DEFAULT '',
    "vehicleMake" TEXT,
    "vehicleModel" TEXT,
    "vehiclePlate" TEXT,
    "vehicleLocation" TEXT,
    "calloutFeeCents" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "depositTxId" TEXT,
    "refundTxId" TEXT,
    "proposedStartsAt" DATETIME,
    "proposedEndsAt" DATETIME,
    "reason" TEXT,
    "cancelledBy" TEXT,
    "repairerNote" TEXT,
    "finalPriceCents" INTEGER,
    "rating" INTEGER,
    "ratingComment" TEXT,
    "ratedAt" DATETIME,
    "requestedAt" DATETIME,
    "decidedAt" DATETIME,
    "startedAt" DATETIME,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RepairBooking_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService" ("shopId") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RepairBooking_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RepairBooking_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RepairBooking_check" CHECK ("endsAt" > "startsAt" AND ("rating" IS NULL OR ("rating" BETWEEN 1 AND 5)) AND "depositCents" >= 0 AND "calloutFeeCents" >= 0 AND ("finalPriceCents" IS NULL OR "finalPriceCents" >= 0))
);

-- CreateTable
CREATE TABLE "RepairBookingPhoto" (
    "bookingId" TEXT NOT NULL,
    "photoId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("bookingId", "photoId"),
    CONSTRAINT "RepairBookingPhoto_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "RepairBooking" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RepairBookingPhoto_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepairSlotClaim" (
    "serviceId" TEXT NOT NULL,
    "cellAt" DATETIME NOT NULL,
    "seat" INTEGER NOT NULL,
    "bookingId" TEXT NOT NULL,

    PRIMARY KEY ("serviceId", "cellAt", "seat"),
    CONSTRAINT "RepairSlotClaim_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "RepairBooking" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL,
    "photoId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "kind" TEXT NOT NULL DEFAULT 'shop',
    "minOrder" INTEGER NOT NULL DEFAULT 0,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Shop_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Shop_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Shop" ("category", "createdAt", "decidedAt", "decidedById", "description", "id", "minOrder", "name", "ownerId", "photoId", "status", "timeZone", "updatedAt") SELECT "category", "createdAt", "decidedAt", "decidedById", "description", "id", "minOrder", "name", "ownerId", "photoId", "status", "timeZone", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
CREATE INDEX "Shop_ownerId_idx" ON "Shop"("ownerId");
CREATE INDEX "Shop_status_idx" ON "Shop"("status");
CREATE TABLE "new_Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "orderId" TEXT,
    "bookingId" TEXT,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "lastMessageAt" DATETIME,
    "residentReadSeq" INTEGER NOT NULL DEFAULT 0,
    "merchantReadSeq" INTEGER NOT NULL DEFAULT 0,
    "residentDeliveredSeq" INTEGER NOT NULL DEFAULT 0,
    "merchantDeliveredSeq" INTEGER NOT NULL DEFAULT 0,
    "residentUnread" INTEGER NOT NULL DEFAULT 0,
    "merchantUnread" INTEGER NOT NULL DEFAULT 0,
    "residentBlockedAt" DATETIME,
    "merchantBlockedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Conversation_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Conversation_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conversation_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Conversation_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "RepairBooking" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Conversation" ("createdAt", "id", "lastMessageAt", "lastSeq", "merchantBlockedAt", "merchantDeliveredSeq", "merchantReadSeq", "merchantUnread", "orderId", "residentBlockedAt", "residentDeliveredSeq", "residentId", "residentReadSeq", "residentUnread", "shopId") SELECT "createdAt", "id", "lastMessageAt", "lastSeq", "merchantBlockedAt", "merchantDeliveredSeq", "merchantReadSeq", "merchantUnread", "orderId", "residentBlockedAt", "residentDeliveredSeq", "residentId", "residentReadSeq", "residentUnread", "shopId" FROM "Conversation";
DROP TABLE "Conversation";
ALTER TABLE "new_Conversation" RENAME TO "Conversation";
CREATE INDEX "Conversation_residentId_lastMessageAt_idx" ON "Conversation"("residentId", "lastMessageAt");
CREATE INDEX "Conversation_shopId_lastMessageAt_idx" ON "Conversation"("shopId", "lastMessageAt");
CREATE UNIQUE INDEX "Conversation_shopId_residentId_key" ON "Conversation"("shopId", "residentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RepairCategory_category_idx" ON "RepairCategory"("category");

-- CreateIndex
CREATE INDEX "RepairHours_serviceId_idx" ON "RepairHours"("serviceId");

-- CreateIndex
CREATE INDEX "RepairException_serviceId_idx" ON "RepairException"("serviceId");

-- CreateIndex
CREATE INDEX "RepairBooking_serviceId_startsAt_idx" ON "RepairBooking"("serviceId", "startsAt");

-- CreateIndex
CREATE INDEX "RepairBooking_residentId_startsAt_idx" ON "RepairBooking"("residentId", "startsAt");

-- CreateIndex
CREATE INDEX "RepairBooking_status_holdExpiresAt_idx" ON "RepairBooking"("status", "holdExpiresAt");

-- CreateIndex
CREATE INDEX "RepairSlotClaim_bookingId_idx" ON "RepairSlotClaim"("bookingId");

