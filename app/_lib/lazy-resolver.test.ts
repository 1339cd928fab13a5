import type { FieldErrors, Resolver } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { lazyResolver } from "./lazy-resolver";

type TForm = { code: string };
const options = { fields: {}, shouldUseNativeValidation: false };
const real: Resolver<TForm> = async (values) =>
  values.code ? { values, errors: {} } : { values: {}, errors: { code: { type: "required", message: "required" } } as FieldErrors<TForm> };

describe("lazyResolver", () => {
  it("loads the schema once, on the first validation, and validates with it", async () => {
    let loads = 0;
    const resolver = lazyResolver<TForm>(async () => {
      loads++;
      return real;
    });
    expect(loads).toBe(0);
    expect((await resolver({ code: "" }, undefined, options)).errors).toHaveProperty("code.message", "required");
    expect((await resolver({ code: "AB12" }, undefined, options)).values).toEqual({ code: "AB12" });
    expect(loads).toBe(1);
  });

  it("tries the load again after it failed (offline, then back)", async () => {
    let attempt = 0;
    const resolver = lazyResolver<TForm>(async () => {
      if (++attempt === 1) throw new Error("offline");
      return real;
    });
    await expect(resolver({ code: "x" }, undefined, options)).rejects.toThrow("offline");
    expect((await resolver({ code: "x" }, undefined, options)).values).toEqual({ code: "x" });
    expect(attempt).toBe(2);
  });
});
