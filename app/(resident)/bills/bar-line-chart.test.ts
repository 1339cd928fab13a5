import { describe, expect, it } from "vitest";
import { niceTicks } from "./bar-line-chart";

describe("niceTicks", () => {
  it("covers the values with round steps from zero", () => {
    expect(niceTicks(1200, 8450)).toEqual([0, 2500, 5000, 7500, 10000]);
    expect(niceTicks(0.4, 3.2)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(12, 12)).toEqual([0, 5, 10, 15]);
  });

  it("reaches below zero when a value is negative", () => {
    const ticks = niceTicks(-300, 900);
    expect(ticks[0]).toBeLessThanOrEqual(-300);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(900);
    expect(ticks).toContain(0);
  });

  it("gives a usable axis for nothing but zeros", () => {
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });
});
