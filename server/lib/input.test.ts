import { describe, expect, it } from "vitest";
import { checkInput, findInputProblem } from "./input";

describe("findInputProblem", () => {
  it("lets ordinary text through, accents, emoji and right-to-left marks included", () => {
    expect(findInputProblem({ name: "Léa Nguyễn 👩‍👩‍👧", note: "\u202eabc\u200d", lines: [{ q: 1 }] })).toBeNull();
  });

  it("refuses a lone surrogate and a NUL character, in values and in keys, naming where", () => {
    expect(findInputProblem({ a: { b: "x\ud800y" } })).toEqual({ path: "a.b", reason: "malformedText" });
    expect(findInputProblem({ list: ["ok", "a\u0000b"] })).toEqual({ path: "list.1", reason: "malformedText" });
    expect(findInputProblem({ ["k\u0000"]: 1 })).toEqual({ path: "input", reason: "malformedText" });
    expect(() => checkInput({ q: "\u0000" })).toThrow(/q contains malformed text/);
  });

  it("refuses input nested too deeply", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 20; i++) deep = { deep };
    expect(findInputProblem(deep)?.reason).toBe("tooDeep");
  });
});
