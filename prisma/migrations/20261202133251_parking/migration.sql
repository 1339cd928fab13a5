-- CreateTable
CREATE TABLE "ParkingPlace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "operator" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "buildingId" TEXT,
    "latitude" REAL NOT NULL,
    "longitude" REAL NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "alwaysOpen" BOOLEAN NOT NULL DEFAULT false,
    "capacity" INTEGER NOT NULL,
    "capacityDisabled" INTEGER NOT NULL DEFAULT 0,
    "capacityCharging" INTEGER NOT NULL DEFAULT 0,
    "freeSpaces" INTEGER,
    "observedAt" DATETIME,
    "pricePerHour" INTEGER,
    "freeMinutes" INTEGER NOT NULL DEFAULT 0,
    "maxStayMinutes" INTEGER,
    "maxHeightCm" INTEGER,
    "isCovered" BOOLEAN NOT NULL DEFAULT false,
    "evChargers" INTEGER NOT NULL DEFAULT 0,
    "evPowerKw" REAL,
    "publicUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ParkingPlace_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParkingPlace_spaces_check" CHECK ("capacity" >= 0 AND "capacityDisabled" >= 0 AND "capacityCharging" >= 0 AND "evChargers" >= 0 AND ("freeSpaces" IS NULL OR ("freeSpaces" >= 0 AND "freeSpaces" <= "capacity")))
);

-- CreateTable
CREATE TABLE "ParkingHours" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "placeId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens" TEXT NOT NULL,
    "closes" TEXT NOT NULL,
    CONSTRAINT "ParkingHours_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "ParkingPlace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ParkingFavourite" (
    "userId" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "notifyWhenFree" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "placeId"),
    CONSTRAINT "ParkingFavourite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParkingFavourite_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "ParkingPlace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

