// Every page of every role, for the page-weight bench (bench/pages.ts) and the axe journey
// (e2e/access/axe.spec.ts): one list, so the two look at the same pages. Paths with a
// placeholder (SHOP, CONV, NOTICE, BUILDING, PERSON) are resolved on the demo data by `resolvePath`.
import type { Page } from "@playwright/test";

export type TRolePages = { role: string; email: string; pages: { name: string; path: string }[] };

export const DEMO_PASSWORD = "quartier-demo";

export const ROLE_PAGES: TRolePages[] = [
  {
    role: "anon",
    email: "",
    pages: [
      { name: "landing", path: "/" },
      { name: "sign-in", path: "/sign-in" },
      { name: "sign-up", path: "/sign-up" },
      { name: "404", path: "/no-such-page" },
      { name: "account deletion scheduled", path: "/account-deleted?on=2026-12-14" },
    ],
  },
  {
    role: "resident",
    email: "resident@quartier.test",
    pages: [
      { name: "home", path: "/home" },
      { name: "bills", path: "/bills" },
      { name: "bills (paid)", path: "/bills?tab=paid" },
      { name: "wallet", path: "/wallet" },
      { name: "shops", path: "/shops" },
      { name: "a shop", path: "SHOP" },
      { name: "orders", path: "/orders" },
      { name: "messages", path: "/messages" },
      { name: "a conversation", path: "CONV" },
      { name: "parking", path: "/parking" },
      { name: "repairs", path: "/repairs" },
      { name: "common repairs", path: "/repairs/common" },
      { name: "notices", path: "/notices" },
      { name: "a notice", path: "NOTICE" },
      { name: "notifications", path: "/notifications" },
      { name: "notification settings", path: "/notifications/settings" },
      { name: "account", path: "/account" },
      { name: "more", path: "/more" },
    ],
  },
  {
    role: "merchant",
    email: "merchant@quartier.test",
    pages: [
      { name: "shop board", path: "/shop" },
      { name: "catalogue", path: "/shop?tab=catalogue" },
      { name: "qr", path: "/shop?tab=qr" },
      { name: "promotions", path: "/shop?tab=promotions" },
      { name: "shop details", path: "/shop?tab=details" },
      { name: "messages", path: "/messages" },
      { name: "a conversation", path: "CONV" },
      { name: "wallet", path: "/wallet" },
    ],
  },
  {
    role: "manager",
    email: "manager@quartier.test",
    pages: [
      { name: "home", path: "/home" },
      { name: "buildings", path: "/buildings" },
      { name: "a building", path: "BUILDING" },
      { name: "building bills", path: "BUILDING?tab=bills" },
      { name: "building notices", path: "BUILDING?tab=notices" },
      { name: "parking operation", path: "/parking/manage" },
    ],
  },
  {
    role: "admin",
    email: "admin@quartier.test",
    pages: [
      { name: "shop approvals", path: "/admin/shops" },
      { name: "reports", path: "/admin/reports" },
      { name: "parking import", path: "/admin/parking" },
      { name: "people", path: "/admin/people" },
      { name: "a person", path: "PERSON" },
      { name: "audit log", path: "/admin/audit" },
      { name: "more", path: "/more" },
    ],
  },
];

/** Signs in through the form and waits for /home. */
export async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === "/home");
}

/** The first link of a list on `listPath`, as a path. */
async function firstHref(page: Page, base: string, listPath: string, selector: string) {
  await page.goto(base + listPath);
  const href = await page.locator(selector).first().getAttribute("href", { timeout: 20_000 });
  if (!href) throw new Error(`no link ${selector} on ${listPath}`);
  return href;
}

/** A page spec as a real path on the demo data (placeholders looked up through the lists). */
export async function resolvePath(page: Page, base: string, spec: string) {
  const [head, query] = spec.split("?") as [string, string | undefined];
  let path = head;
  if (head === "SHOP") path = await firstHref(page, base, "/shops", '[data-testid="shop-list"] a');
  if (head === "CONV") path = await firstHref(page, base, "/messages", '[data-testid="inbox-item"]');
  if (head === "NOTICE") path = await firstHref(page, base, "/notices", '[data-testid="notice-card"]');
  if (head === "PERSON") path = await firstHref(page, base, "/admin/people?q=victor", '[data-testid="person"] a');
  if (head === "BUILDING") path = await firstHref(page, base, "/buildings", '[data-testid="building-list"] a');
  return query ? `${path}?${query}` : path;
}
