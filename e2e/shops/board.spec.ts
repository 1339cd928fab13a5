// The merchant's order board: the first column reads "New", each card says how long ago the
// order came in (moving on by itself) and its delivery window, columns are in window order,
// the board uses a wide screen's width, and a phone shows one column at a time.
import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";
import type { Browser, Locator, Page } from "@playwright/test";

test.use({ locale: "en-GB" });

async function resident(browser: Browser, name: string) {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signUp(page, { name, email: uniqueEmail("board") });
  await page.getByLabel("Invite code").fill("CANU-TS24");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await page.goto("/wallet");
  await page.getByRole("button", { name: "€100.00" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Top up €100.00" }).click();
  await expect(page.getByTestId("wallet-balance")).toHaveText("€100.00");
  return { ctx, page };
}

/** Orders one of `product` for the delivery window at `slot` in the list offered; returns that window's "HH:MM–HH:MM". */
async function order(page: Page, product: string, slot: number) {
  await page.goto("/shops");
  await page.getByRole("link", { name: /Primeur de la Croix-Rousse/ }).click();
  await page.getByPlaceholder("Search products").fill(product);
  await expect(page.getByTestId("product")).toHaveCount(1);
  await page.getByRole("button", { name: `Add ${product}` }).click();
  await page.getByTestId("cart").getByRole("button", { name: "Checkout" }).click();
  const windows = page.getByLabel("Delivery window");
  const option = windows.locator("option").nth(slot);
  const label = (await option.textContent())!;
  await windows.selectOption({ index: slot });
  await page.getByTestId("place-order").click();
  await expect(page).toHaveURL(/\/orders/);
  return label.match(/\d\d:\d\d–\d\d:\d\d/)![0];
}

const cardOf = (board: Locator, customer: string) => board.getByTestId("board-order").filter({ hasText: customer });

test("the board's New column holds new orders in window order, each with its age and window; the age moves on; a phone shows one column at a time", async ({ browser }) => {
  // Three people, two sign-ups, two top-ups and two orders before the board is looked at.
  test.setTimeout(120_000);
  const tag = randomBytes(2).toString("hex");
  const product = `Coings ${tag}`;
  const early = `Basile Early ${tag}`;
  const late = `Lou Late ${tag}`;

  // The merchant adds a product (a price above the shop's minimum order).
  const merchantCtx = await browser.newContext({ locale: "en-GB", viewport: { width: 1600, height: 900 } });
  const merchant = await merchantCtx.newPage();
  await signIn(merchant, DEMO.merchant);
  await merchant.goto("/shop?tab=catalogue");
  await waitLive(merchant); // hydrated: the form is React's, not only the server's HTML
  const form = merchant.getByTestId("add-product");
  await form.getByLabel("Name").fill(product);
  await form.getByLabel("Price (€)").fill("30");
  await form.getByLabel("Stock").fill("5");
  await form.getByRole("button", { name: "Add the product" }).click();
  await expect(merchant.getByText(`${product} added.`)).toBeVisible();

  // Two residents order: the first for a later window than the second.
  const a = await resident(browser, late);
  const lateWindow = await order(a.page, product, 1);
  const b = await resident(browser, early);
  const earlyWindow = await order(b.page, product, 0);

  // The board, on a clock the test can move.
  await merchant.clock.install({ time: new Date() });
  await merchant.goto("/shop");
  const column = merchant.getByTestId("col-placed");
  await expect(column.getByRole("heading", { level: 2 })).toContainText("New");
  await expect(merchant.getByText("Placed", { exact: true })).toHaveCount(0);
  const lateCard = cardOf(column, late);
  const earlyCard = cardOf(column, early);
  await expect(earlyCard.getByTestId("order-window")).toContainText(earlyWindow);
  await expect(lateCard.getByTestId("order-window")).toContainText(lateWindow);
  await expect(earlyCard.getByTestId("order-age")).toHaveText(/^(just now|[12] min ago)$/);

  // Window order: the earlier window first, although it was ordered second.
  const numbers = await column.getByTestId("board-order").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-number")));
  const numberOf = async (card: Locator) => (await card.getAttribute("data-number"))!;
  expect(numbers.indexOf(await numberOf(earlyCard))).toBeLessThan(numbers.indexOf(await numberOf(lateCard)));

  // Three minutes later the age says so, without a reload.
  await merchant.clock.fastForward("03:00");
  await expect(earlyCard.getByTestId("order-age")).toHaveText(/^[3-5] min ago$/);

  // The board uses the width: wider than the 960 px the other pages keep to.
  const width = (await merchant.getByTestId("board").boundingBox())!.width;
  expect(width).toBeGreaterThan(1100);

  // On a phone: one column at a time, chosen above the board.
  await merchant.setViewportSize({ width: 390, height: 844 });
  const switcher = merchant.getByRole("tablist", { name: "Order columns" });
  await expect(switcher.getByRole("tab", { name: /^New/ })).toHaveAttribute("aria-selected", "true");
  await expect(earlyCard).toBeVisible();
  await expect(merchant.getByTestId("col-accepted")).toBeHidden();
  await switcher.getByRole("tab", { name: /^Accepted/ }).click();
  await expect(merchant.getByTestId("col-accepted")).toBeVisible();
  await expect(column).toBeHidden();

  // Accepting moves the order on (back on the "New" column).
  await switcher.getByRole("tab", { name: /^New/ }).click();
  await earlyCard.getByRole("button", { name: "Accept" }).click();
  await switcher.getByRole("tab", { name: /^Accepted/ }).click();
  await expect(cardOf(merchant.getByTestId("col-accepted"), early)).toBeVisible();
  await Promise.all([merchantCtx.close(), a.ctx.close(), b.ctx.close()]);
});
