-- Hand-added: the CHECK on RepairBooking (Prisma does not know CHECKs).
-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'shop';

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "bookingId" TEXT;

-- CreateTable
CREATE TABLE "RepairService" (
    "shopId" TEXT NOT NULL,
    "calloutFeeCents" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "mode" TEXT NOT NULL DEFAULT 'exact',
    "windowCapacity" INTEGER NOT NULL DEFAULT 1,
    "stepMinutes" INTEGER NOT NULL DEFAULT 30,
    "bufferMinutes" INTEGER NOT NULL DEFAULT 0,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 120,
    "horizonDays" INTEGER NOT NULL DEFAULT 21,
    "cancelCutoffMinutes" INTEGER NOT NULL DEFAULT 120,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepairService_pkey" PRIMARY KEY ("shopId")
);

-- CreateTable
CREATE TABLE "RepairCategory" (
    "serviceId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,

    CONSTRAINT "RepairCategory_pkey" PRIMARY KEY ("serviceId","category")
);

-- CreateTable
CREATE TABLE "RepairHours" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens" TEXT NOT NULL,
    "closes" TEXT NOT NULL,

    CONSTRAINT "RepairHours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepairException" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "opens" TEXT,
    "closes" TEXT,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "RepairException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepairBooking" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "unitId" TEXT,
    "category" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "holdExpiresAt" TIMESTAMP(3),
    "description" TEXT NOT NULL DEFAULT '',
    "vehicleMake" TEXT,
    "vehicleModel" TEXT,
    "vehiclePlate" TEXT,
    "vehicleLocation" TEXT,
    "calloutFeeCents" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "depositTxId" TEXT,
    "refundTxId" TEXT,
    "proposedStartsAt" TIMESTAMP(3),
    "proposedEndsAt" TIMESTAMP(3),
    "reason" TEXT,
    "cancelledBy" TEXT,
    "repairerNote" TEXT,
    "finalPriceCents" INTEGER,
    "rating" INTEGER,
    "ratingComment" TEXT,
    "ratedAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RepairBooking_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RepairBooking_check" CHECK ("endsAt" > "startsAt" AND ("rating" IS NULL OR ("rating" BETWEEN 1 AND 5)) AND "depositCents" >= 0 AND "calloutFeeCents" >= 0 AND ("finalPriceCents" IS NULL OR "finalPriceCents" >= 0))
);

-- CreateTable
CREATE TABLE "RepairBookingPhoto" (
    "bookingId" TEXT NOT NULL,
    "photoId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "RepairBookingPhoto_pkey" PRIMARY KEY ("bookingId","photoId")
);

-- CreateTable
CREATE TABLE "RepairSlotClaim" (
    "serviceId" TEXT NOT NULL,
    "cellAt" TIMESTAMP(3) NOT NULL,
    "seat" INTEGER NOT NULL,
    "bookingId" TEXT NOT NULL,

    CONSTRAINT "RepairSlotClaim_pkey" PRIMARY KEY ("serviceId","cellAt","seat")
);

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

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "RepairBooking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairService" ADD CONSTRAINT "RepairService_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairCategory" ADD CONSTRAINT "RepairCategory_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService"("shopId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairHours" ADD CONSTRAINT "RepairHours_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService"("shopId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairException" ADD CONSTRAINT "RepairException_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService"("shopId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairBooking" ADD CONSTRAINT "RepairBooking_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "RepairService"("shopId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairBooking" ADD CONSTRAINT "RepairBooking_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairBooking" ADD CONSTRAINT "RepairBooking_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairBookingPhoto" ADD CONSTRAINT "RepairBookingPhoto_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "RepairBooking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairBookingPhoto" ADD CONSTRAINT "RepairBookingPhoto_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepairSlotClaim" ADD CONSTRAINT "RepairSlotClaim_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "RepairBooking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

