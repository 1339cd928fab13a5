import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundingBox, distanceMeters, type TBox, type TPoint } from "./geo";

const inBox = (box: TBox, p: TPoint) =>
  p.latitude >= box.minLat && p.latitude <= box.maxLat && box.lonRanges.some(([min, max]) => p.longitude >= min && p.longitude <= max);

const lat = fc.double({ min: -90, max: 90, noNaN: true });
const lon = fc.double({ min: -180, max: 180, noNaN: true });
const point = fc.record({ latitude: lat, longitude: lon });
// Centres biased towards the hard places: the antimeridian and the poles.
const centre = fc.oneof(
  point,
  fc.record({ latitude: lat, longitude: fc.oneof(fc.double({ min: 179, max: 180, noNaN: true }), fc.double({ min: -180, max: -179, noNaN: true })) }),
  fc.record({ latitude: fc.oneof(fc.double({ min: 88, max: 90, noNaN: true }), fc.double({ min: -90, max: -88, noNaN: true })), longitude: lon }),
);
/** A point near the centre (within about 0.5°, wrapped into range). */
const near = (c: TPoint) =>
  fc.record({ dLat: fc.double({ min: -0.5, max: 0.5, noNaN: true }), dLon: fc.double({ min: -3, max: 3, noNaN: true }) }).map(({ dLat, dLon }) => ({
    latitude: Math.max(-90, Math.min(90, c.latitude + dLat)),
    longitude: ((((c.longitude + dLon + 180) % 360) + 360) % 360) - 180,
  }));

describe("distanceMeters", () => {
  it("measures known distances", () => {
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    const lyon = { latitude: 45.764, longitude: 4.8357 };
    expect(Math.abs(distanceMeters(paris, lyon) / 1000 - 391.5)).toBeLessThan(1); // great circle
    expect(distanceMeters(paris, paris)).toBe(0);
    // Across the antimeridian, the short way round.
    expect(distanceMeters({ latitude: 0, longitude: 179.99 }, { latitude: 0, longitude: -179.99 })).toBeLessThan(2_300);
  });
});

describe("boundingBox", () => {
  it("never leaves out a point within the radius (brute force on random data, antimeridian and poles included)", () => {
    fc.assert(
      fc.property(
        centre.chain((c) => fc.tuple(fc.constant(c), fc.array(fc.oneof(near(c), point), { minLength: 1, maxLength: 40 }))),
        fc.double({ min: 1, max: 60_000, noNaN: true }),
        ([c, points], radius) => {
          const box = boundingBox(c, radius);
          for (const p of points) if (distanceMeters(c, p) <= radius) expect(inBox(box, p)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("splits at the antimeridian and opens up at a pole", () => {
    expect(boundingBox({ latitude: 0, longitude: 179.999 }, 2_000).lonRanges).toHaveLength(2);
    expect(boundingBox({ latitude: 89.99, longitude: 10 }, 2_000).lonRanges).toEqual([[-180, 180]]);
    const lyon = boundingBox({ latitude: 45.764, longitude: 4.8357 }, 2_000);
    expect(lyon.lonRanges).toHaveLength(1);
    // About 2 km each way: 0.018° of latitude, 0.026° of longitude at 45.8°N.
    expect(lyon.maxLat - lyon.minLat).toBeCloseTo(0.036, 3);
    expect(lyon.lonRanges[0]![1] - lyon.lonRanges[0]![0]).toBeCloseTo(0.0516, 3);
  });
});
