-- CreateTable
CREATE TABLE "ParkingPlaceVersion" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ParkingPlaceVersion_pkey" PRIMARY KEY ("id")
);


-- Hand-written (Prisma knows nothing of triggers): the one version row, and a
-- statement-level trigger that bumps it whenever places are inserted, deleted or truncated
-- or their position or static filter columns are set, whoever writes (seed, import, admin,
-- tests, plain SQL). Occupancy writes (freeSpaces, observedAt, updatedAt) do not fire it.
-- Statement-level: a bulk insert bumps the row once. The row is locked until the writing
-- transaction commits, so writers of places queue behind each other there (they are rare).
INSERT INTO "ParkingPlaceVersion" ("id", "version") VALUES (1, 0);

-- The body is an E'' string with \073 for each semicolon: `prisma migrate deploy` (through
-- the pg adapter) splits a script at every semicolon, dollar quotes included.
CREATE FUNCTION "parking_place_version_bump"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "ParkingPlaceVersion" SET "version" = "version" + 1 WHERE "id" = 1\073 RETURN NULL\073 END';

CREATE TRIGGER "ParkingPlace_version" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "id", "latitude", "longitude", "evChargers", "capacityDisabled", "maxHeightCm" ON "ParkingPlace"
FOR EACH STATEMENT EXECUTE FUNCTION "parking_place_version_bump"();
