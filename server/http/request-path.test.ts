import { describe, expect, it } from "vitest";
import { requestPath } from "./request-path";

describe("requestPath", () => {
  it("keeps the path and query, without Next's _rsc parameter", () => {
    expect(requestPath("/notices/n1")).toBe("/notices/n1");
    expect(requestPath("/messages/c1?order=o1")).toBe("/messages/c1?order=o1");
    expect(requestPath("/shops/s1?q=a%20b&x=%2F")).toBe("/shops/s1?q=a%20b&x=%2F");
    expect(requestPath("/bills?_rsc=1x2y")).toBe("/bills");
    expect(requestPath("/shops/s1?_rsc=abc&tab=catalogue")).toBe("/shops/s1?tab=catalogue");
  });
});
