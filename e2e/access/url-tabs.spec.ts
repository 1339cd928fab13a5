import { DEMO, expect, signIn, test, waitLive } from "../fixtures";
import type { Locator, Page } from "@playwright/test";

test.use({ locale: "en-GB" });

// Tabs live in the URL (?tab=<key>) as links: reload keeps the tab, Back goes to the previous tab
// (each tab pushes a history entry: Back undoes the last tab change instead of leaving the page),
// an unknown tab shows the default one, and the older "#<tab>" links still open their tab.
const tabs = (page: Page) => page.getByTestId("tabs");
const current = (page: Page) => tabs(page).locator('[aria-current="page"]');
const at = (path: string, tab?: string) => new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}${tab ? `\\?tab=${tab}` : ""}$`);

async function scrollsOnAPhone(page: Page, url: string, link: Locator) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  const strip = tabs(page).getByRole("list");
  // The strip is wider than the screen, scrolls, and the chosen tab was scrolled into view.
  expect(await strip.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect(link).toBeInViewport({ ratio: 0.9 });
  // The fades say where more tabs hide.
  await expect(tabs(page)).toHaveAttribute("data-more-start", "true");
}

test("a building's tabs are in the URL: reload keeps the tab, Back returns to the previous tab, phones scroll the strip", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/buildings");
  await page.getByRole("link", { name: /Résidence Les Canuts/ }).click();
  await expect(page).toHaveURL(/\/buildings\/[^/?#]+$/);
  const path = new URL(page.url()).pathname;
  await expect(current(page)).toHaveText(/^Requests/);

  await tabs(page).getByRole("link", { name: "Notices" }).click();
  await expect(page).toHaveURL(at(path, "notices"));
  await tabs(page).getByRole("link", { name: "Bills" }).click();
  await expect(page).toHaveURL(at(path, "bills"));
  await expect(current(page)).toHaveText("Bills");
  await expect(page.getByTestId("billing-stats")).toBeVisible(); // the Bills tab opens on its overview

  // Back: the previous tab, then the page as it was opened; Forward comes back.
  await page.goBack();
  await expect(page).toHaveURL(at(path, "notices"));
  await expect(current(page)).toHaveText("Notices");
  await page.goBack();
  await expect(page).toHaveURL(at(path));
  await expect(current(page)).toHaveText(/^Requests/);
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(at(path, "bills"));
  await expect(current(page)).toHaveText("Bills");

  // Reload keeps the tab, and Back still goes to the previous one.
  await page.reload();
  await expect(current(page)).toHaveText("Bills");
  await expect(page.getByTestId("billing-stats")).toBeVisible(); // the Bills tab opens on its overview
  await waitLive(page); // hydrated: Back is the router's from here
  await page.goBack();
  await expect(page).toHaveURL(at(path, "notices"));
  await expect(current(page)).toHaveText("Notices");

  // Unknown tab: the default one. An old "#bills" link: the Bills tab, and the URL says so.
  await page.goto(`${path}?tab=nonsense`);
  await expect(current(page)).toHaveText(/^Requests/);
  await page.goto(`${path}#bills`);
  await expect(page).toHaveURL(at(path, "bills"));
  await expect(current(page)).toHaveText("Bills");

  // On a phone the last tab, opened from its link, is in view at the end of a scrolled strip.
  await scrollsOnAPhone(page, `${path}?tab=details`, tabs(page).getByRole("link", { name: "Details" }));
  await page.goto(path);
  await expect(tabs(page)).toHaveAttribute("data-more-end", "true");
  await expect(tabs(page)).not.toHaveAttribute("data-more-start", "true");
});

test("the merchant's /shop tabs likewise", async ({ page }) => {
  await signIn(page, DEMO.merchant);
  await page.goto("/shop");
  await expect(current(page)).toHaveText(/^Orders/);
  await tabs(page).getByRole("link", { name: "Promotions" }).click();
  await expect(page).toHaveURL(at("/shop", "promotions"));
  await page.reload();
  await expect(current(page)).toHaveText("Promotions");
  await waitLive(page);
  await page.goBack();
  await expect(page).toHaveURL(at("/shop"));
  await expect(current(page)).toHaveText(/^Orders/);

  // A repairer's tab is unknown here: the board. "#qr" (the screenshots' old form) opens Pay by QR.
  await page.goto("/shop?tab=agenda");
  await expect(current(page)).toHaveText(/^Orders/);
  await page.goto("/shop#qr");
  await expect(page).toHaveURL(at("/shop", "qr"));
  await expect(current(page)).toHaveText("Pay by QR");

  await scrollsOnAPhone(page, "/shop?tab=details", tabs(page).getByRole("link", { name: "Details" }));
});
