import { describe, expect, it } from "vitest";
import { cuid } from "./ids";
import { ID_PATTERN } from "./input";

describe("cuid()", () => {
  it("makes ids the API accepts, all different, in time order", () => {
    const ids = Array.from({ length: 10_000 }, () => cuid());
    for (const id of ids.slice(0, 100)) expect(id).toMatch(ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]!.slice(1, 9) <= ids.at(-1)!.slice(1, 9)).toBe(true);
  });
});
