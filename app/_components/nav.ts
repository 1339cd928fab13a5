// The sections of the signed-in navigation, per role, and which of them a phone's tab bar
// shows (at most five: four and "More" when there are more). Plain data, so that the shell
// (a client component) and the /more page (a server component) share it.
import type { TRole } from "~/server/auth/roles";
import type { TIconName } from "./icons";

export type TNavKey = "home" | "notices" | "bills" | "shops" | "orders" | "parking" | "repairs" | "messages" | "wallet" | "myShop" | "shopReview" | "reports" | "people" | "audit" | "buildings" | "account";

export type TNavItem = {
  href: string;
  key: TNavKey;
  icon: TIconName;
  roles: TRole[] | "all";
  /** Lower is kept first in a phone's tab bar; the rest go under "More". */
  phoneRank: number;
};

export const NAV: TNavItem[] = [
  { href: "/home", key: "home", icon: "home", roles: "all", phoneRank: 0 },
  // What the person runs (a shop, approvals, buildings) comes before what they use as a resident.
  { href: "/shop", key: "myShop", icon: "store", roles: ["merchant"], phoneRank: 1 },
  { href: "/admin/shops", key: "shopReview", icon: "check", roles: ["admin"], phoneRank: 1 },
  { href: "/admin/reports", key: "reports", icon: "flag", roles: ["admin"], phoneRank: 2 },
  { href: "/admin/people", key: "people", icon: "people", roles: ["admin"], phoneRank: 3 },
  { href: "/admin/audit", key: "audit", icon: "log", roles: ["admin"], phoneRank: 6 },
  { href: "/buildings", key: "buildings", icon: "buildings", roles: ["manager", "admin"], phoneRank: 1 },
  { href: "/notices", key: "notices", icon: "megaphone", roles: ["resident"], phoneRank: 5 },
  { href: "/bills", key: "bills", icon: "bills", roles: ["resident"], phoneRank: 3 },
  { href: "/shops", key: "shops", icon: "shop", roles: ["resident"], phoneRank: 3 },
  { href: "/orders", key: "orders", icon: "bag", roles: ["resident"], phoneRank: 6 },
  { href: "/parking", key: "parking", icon: "parking", roles: ["resident", "manager", "admin"], phoneRank: 4 },
  { href: "/repairs", key: "repairs", icon: "wrench", roles: ["resident"], phoneRank: 5 },
  { href: "/messages", key: "messages", icon: "chat", roles: ["resident", "merchant"], phoneRank: 2 },
  // Residents pay from it; merchants receive their takings in it. Managers and admins do neither.
  { href: "/wallet", key: "wallet", icon: "wallet", roles: ["resident", "merchant"], phoneRank: 4 },
  { href: "/account", key: "account", icon: "account", roles: "all", phoneRank: 9 },
];

/** The most a phone's tab bar holds, "More" included. */
export const PHONE_SLOTS = 5;

export function navFor(roles: readonly TRole[]) {
  return NAV.filter((n) => n.roles === "all" || n.roles.some((r) => roles.includes(r)));
}

/**
 * The sections a phone's tab bar shows (in the side bar's order) and those under "More":
 * all of them when they fit, else the four of lowest rank (ties: the side bar's order).
 */
export function phoneSplit(items: TNavItem[]): { bar: TNavItem[]; more: TNavItem[] } {
  if (items.length <= PHONE_SLOTS) return { bar: items, more: [] };
  const kept = new Set([...items].sort((a, b) => a.phoneRank - b.phoneRank).slice(0, PHONE_SLOTS - 1));
  return { bar: items.filter((i) => kept.has(i)), more: items.filter((i) => !kept.has(i)) };
}

/** Whether `pathname` is inside the section at `href`. */
export const isIn = (pathname: string, href: string) => pathname === href || pathname.startsWith(href + "/");
