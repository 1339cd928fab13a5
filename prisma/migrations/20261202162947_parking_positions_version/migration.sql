-- CreateTable
CREATE TABLE "ParkingPlaceVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0
);


-- Hand-written (Prisma knows nothing of triggers): the one version row, and the triggers
-- that bump it whenever a place is inserted or deleted or its position or static filter
-- columns change, whoever writes (seed, import, admin, tests, plain SQL). Occupancy writes
-- (freeSpaces, observedAt, updatedAt) do not fire them. NOTE: a later migration that makes
-- Prisma redefine "ParkingPlace" (any column change) drops these triggers with the table,
-- like the CHECK: re-add them there.
INSERT INTO "ParkingPlaceVersion" ("id", "version") VALUES (1, 0);

CREATE TRIGGER "ParkingPlace_version_insert" AFTER INSERT ON "ParkingPlace"
BEGIN
    UPDATE "ParkingPlaceVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "ParkingPlace_version_delete" AFTER DELETE ON "ParkingPlace"
BEGIN
    UPDATE "ParkingPlaceVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "ParkingPlace_version_update" AFTER UPDATE OF "id", "latitude", "longitude", "evChargers", "capacityDisabled", "maxHeightCm" ON "ParkingPlace"
BEGIN
    UPDATE "ParkingPlaceVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
