import { describe, expect, it } from "vitest";
import { safeDestination, withDestination } from "./destination";

describe("safeDestination", () => {
  it.each([
    "/notices/cm1abc",
    "/pay/0b6c1e4f-token",
    "/messages/abc?order=xyz",
    "/bills#unpaid",
    "/shops/abc?tab=catalogue&x=%20y",
    "/buildings/b1/notices/n1/edit",
  ])("keeps the same-site path %s", (path) => {
    expect(safeDestination(path)).toBe(path);
  });

  it.each([
    ["//evil.com", "protocol-relative"],
    ["///evil.com", "triple slash"],
    ["/\\evil.com", "slash backslash"],
    ["\\\\evil.com", "double backslash"],
    ["/\\/evil.com", "slash backslash slash"],
    ["https://evil.com", "absolute URL"],
    ["http://localhost:3000/home", "absolute URL to this host"],
    ["javascript:alert(1)", "javascript: URL"],
    ["JaVaScRiPt:alert(1)", "javascript: URL, mixed case"],
    ["data:text/html,<script>alert(1)</script>", "data: URL"],
    ["%2F%2Fevil.com", "encoded slashes at the start"],
    ["/%2F%2Fevil.com", "slash then encoded slash"],
    ["/%5Cevil.com", "slash then encoded backslash"],
    ["/%2f%5cevil.com", "lower-case encoding"],
    ["/\tevil.com", "tab"],
    ["/\n/evil.com", "newline"],
    ["/home\r\nSet-Cookie: x=1", "CRLF"],
    ["/%0d%0aSet-Cookie:x", "encoded CRLF"],
    ["/\u0000home", "NUL"],
    ["/%E0%A4%A", "broken percent-encoding"],
    [" /home", "leading space"],
    ["home", "relative without slash"],
    ["./home", "dot relative"],
    ["", "empty"],
    ["/sign-in", "sign-in itself"],
    ["/sign-in?callbackUrl=%2Fsign-in%3FcallbackUrl%3D%252Fhome", "a sign-in loop"],
    ["/SIGN-IN?callbackUrl=/bills", "sign-in in capitals"],
    ["/sign-up?callbackUrl=/bills", "sign-up"],
    ["/api/auth/signout", "the API"],
    ["/", "the root"],
    [`/${"a".repeat(2100)}`, "overlong"],
  ])("refuses %j (%s)", (raw) => {
    expect(safeDestination(raw)).toBe("/home");
  });

  it("refuses what is not a string", () => {
    for (const v of [undefined, null, 42, ["/bills"], { path: "/bills" }]) expect(safeDestination(v)).toBe("/home");
  });

  it("normalises dot segments and stays on the site", () => {
    expect(safeDestination("/a/../bills")).toBe("/bills");
    expect(safeDestination("/../../evil.com")).toBe("/evil.com");
  });
});

describe("withDestination", () => {
  it("adds the encoded destination, or nothing for the default", () => {
    expect(withDestination("/sign-in", "/notices/n1?x=1")).toBe("/sign-in?callbackUrl=%2Fnotices%2Fn1%3Fx%3D1");
    expect(withDestination("/sign-up", "/home")).toBe("/sign-up");
    expect(withDestination("/sign-in", "//evil.example")).toBe("/sign-in");
    expect(withDestination("/sign-in", undefined)).toBe("/sign-in");
  });
});
