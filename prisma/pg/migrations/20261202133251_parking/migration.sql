-- CreateTable
CREATE TABLE "ParkingPlace" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "operator" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "buildingId" TEXT,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "alwaysOpen" BOOLEAN NOT NULL DEFAULT false,
    "capacity" INTEGER NOT NULL,
    "capacityDisabled" INTEGER NOT NULL DEFAULT 0,
    "capacityCharging" INTEGER NOT NULL DEFAULT 0,
    "freeSpaces" INTEGER,
    "observedAt" TIMESTAMP(3),
    "pricePerHour" INTEGER,
    "freeMinutes" INTEGER NOT NULL DEFAULT 0,
    "maxStayMinutes" INTEGER,
    "maxHeightCm" INTEGER,
    "isCovered" BOOLEAN NOT NULL DEFAULT false,
    "evChargers" INTEGER NOT NULL DEFAULT 0,
    "evPowerKw" DOUBLE PRECISION,
    "publicUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParkingPlace_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ParkingPlace_spaces_check" CHECK ("capacity" >= 0 AND "capacityDisabled" >= 0 AND "capacityCharging" >= 0 AND "evChargers" >= 0 AND ("freeSpaces" IS NULL OR ("freeSpaces" >= 0 AND "freeSpaces" <= "capacity")))
);

-- CreateTable
CREATE TABLE "ParkingHours" (
    "id" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens" TEXT NOT NULL,
    "closes" TEXT NOT NULL,

    CONSTRAINT "ParkingHours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParkingFavourite" (
    "userId" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "notifyWhenFree" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParkingFavourite_pkey" PRIMARY KEY ("userId","placeId")
);

-- CreateIndex
CREATE INDEX "ParkingPlace_latitude_longitude_idx" ON "ParkingPlace"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "ParkingPlace_buildingId_idx" ON "ParkingPlace"("buildingId");

-- CreateIndex
CREATE UNIQUE INDEX "ParkingPlace_source_externalId_key" ON "ParkingPlace"("source", "externalId");

-- CreateIndex
CREATE INDEX "ParkingHours_placeId_idx" ON "ParkingHours"("placeId");

-- CreateIndex
CREATE INDEX "ParkingFavourite_placeId_notifyWhenFree_idx" ON "ParkingFavourite"("placeId", "notifyWhenFree");

-- AddForeignKey
ALTER TABLE "ParkingPlace" ADD CONSTRAINT "ParkingPlace_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingHours" ADD CONSTRAINT "ParkingHours_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "ParkingPlace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingFavourite" ADD CONSTRAINT "ParkingFavourite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingFavourite" ADD CONSTRAINT "ParkingFavourite_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "ParkingPlace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

