import { describe, expect, it } from "vitest";
import type { TRole } from "~/server/auth/roles";
import { navFor, PHONE_SLOTS, phoneSplit } from "./nav";

const split = (roles: TRole[]) => {
  const { bar, more } = phoneSplit(navFor(roles));
  return { bar: bar.map((i) => i.key), more: more.map((i) => i.key) };
};

describe("the navigation per role", () => {
  it("gives the wallet to residents and merchants only", () => {
    for (const roles of [["resident"], ["merchant"], ["merchant", "resident"]] as TRole[][]) expect(navFor(roles).map((i) => i.key)).toContain("wallet");
    for (const roles of [["manager"], ["admin"], ["manager", "admin"], []] as TRole[][]) expect(navFor(roles).map((i) => i.key)).not.toContain("wallet");
  });

  it("lists My orders for residents, beside Shops", () => {
    expect(navFor(["resident"]).map((i) => i.key)).toEqual(["home", "notices", "bills", "shops", "orders", "parking", "repairs", "messages", "wallet", "account"]);
  });

  it("keeps every section of a role with five or fewer in the phone's bar", () => {
    expect(split(["merchant"])).toEqual({ bar: ["home", "myShop", "messages", "wallet", "account"], more: [] });
    expect(split(["manager"])).toEqual({ bar: ["home", "buildings", "parking", "account"], more: [] });
    expect(split([])).toEqual({ bar: ["home", "account"], more: [] });
  });

  it("puts four sections and More in the phone's bar when there are more, in the side bar's order", () => {
    expect(split(["resident"])).toEqual({ bar: ["home", "bills", "shops", "messages"], more: ["notices", "orders", "parking", "repairs", "wallet", "account"] });
    expect(split(["admin"])).toEqual({ bar: ["home", "shopReview", "reports", "buildings"], more: ["people", "audit", "parking", "account"] });
    expect(split(["merchant", "resident"])).toEqual({ bar: ["home", "myShop", "bills", "messages"], more: ["notices", "shops", "orders", "parking", "repairs", "wallet", "account"] });
  });

  it("gives People and the audit log to admins only", () => {
    for (const roles of [["resident"], ["merchant"], ["manager"], ["merchant", "resident", "manager"]] as TRole[][]) {
      expect(navFor(roles).map((i) => i.key)).not.toContain("people");
      expect(navFor(roles).map((i) => i.key)).not.toContain("audit");
    }
    expect(navFor(["admin"]).map((i) => i.href)).toEqual(expect.arrayContaining(["/admin/people", "/admin/audit"]));
  });

  it("never gives a phone more than five items, More included", () => {
    const roles: TRole[] = ["resident", "merchant", "manager", "admin"];
    for (let mask = 0; mask < 16; mask++) {
      const { bar, more } = split(roles.filter((_, i) => mask & (1 << i)));
      expect(bar.length + (more.length ? 1 : 0)).toBeLessThanOrEqual(PHONE_SLOTS);
    }
  });
});
