import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";
import type { Browser, Page } from "@playwright/test";

test.use({ locale: "en-GB" });

async function newResident(browser: Browser, name: string, topUp: string) {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  const tag = name.normalize("NFD").replace(/[^a-zA-Z]/g, "").toLowerCase();
  await signUp(page, { name, email: uniqueEmail(tag) });
  await page.getByLabel("Invite code").fill("CANU-TS24");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await page.goto("/wallet");
  await page.getByRole("button", { name: topUp }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: `Top up ${topUp}` }).click();
  await expect(page.getByTestId("wallet-balance")).toHaveText(topUp);
  return { ctx, page };
}

async function merchantPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signIn(page, DEMO.merchant);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My shop" }).click();
  await expect(page.getByRole("heading", { name: "Primeur de la Croix-Rousse" })).toBeVisible();
  await waitLive(page);
  return page;
}

test("a merchant adds a product; a resident orders it for a delivery window; the board and the order follow live to delivered", async ({ browser }) => {
  const tag = randomBytes(2).toString("hex");
  const product = `Kakis ${tag}`;
  const customer = `Inès Roux ${tag}`;
  const merchant = await merchantPage(browser);

  // The merchant adds a product with a stock of 3.
  await merchant.getByTestId("tabs").getByRole("link", { name: "Catalogue" }).click();
  const form = merchant.getByTestId("add-product");
  await form.getByLabel("Name").fill(product);
  await form.getByLabel("Price (€)").fill("4,50");
  await form.getByLabel("Stock").fill("3");
  await form.getByRole("button", { name: "Add the product" }).click();
  await expect(merchant.getByText(`${product} added.`)).toBeVisible();
  await merchant.getByTestId("tabs").getByRole("link", { name: "Orders" }).click();

  // A resident finds it, adds two, and orders for the first window offered.
  const { page: resident } = await newResident(browser, customer, "€50.00");
  await resident.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Shops" }).click();
  await resident.getByRole("link", { name: /Primeur de la Croix-Rousse/ }).click();
  await resident.getByPlaceholder("Search products").fill(product);
  await expect(resident.getByTestId("product")).toHaveCount(1);
  await resident.getByRole("button", { name: `Add ${product}` }).click();
  await resident.getByRole("button", { name: `One more ${product}` }).click();
  await expect(resident.getByTestId("qty")).toHaveText("2");
  await resident.getByTestId("cart").getByRole("button", { name: "Checkout" }).click();
  await resident.getByLabel("Note for the courier").fill("Code 4512, 2nd floor");
  await expect(resident.getByTestId("cart-total")).toHaveText("€9.00");
  await resident.getByRole("button", { name: "Order and pay €9.00" }).click();
  await expect(resident).toHaveURL(/\/orders/);
  const order = resident.getByTestId("order").first();
  await expect(order).toHaveAttribute("data-status", "placed");
  await waitLive(resident);

  // The merchant's board shows it without a reload: name and unit, then one tap per step.
  const card = merchant.getByTestId("board-order").filter({ hasText: customer });
  await expect(merchant.getByTestId("col-placed").getByTestId("board-order").filter({ hasText: customer })).toBeVisible();
  await expect(card).toContainText("Staircase B · Door 401");
  await expect(card).toContainText(`2 × ${product}`);
  await expect(card).toContainText("Code 4512, 2nd floor");
  await card.getByRole("button", { name: "Accept" }).click();
  await expect(merchant.getByTestId("col-accepted").getByTestId("board-order").filter({ hasText: customer })).toBeVisible();
  await expect(order).toHaveAttribute("data-status", "accepted");
  await card.getByRole("button", { name: "Out for delivery" }).click();
  await expect(order).toHaveAttribute("data-status", "out_for_delivery");
  await card.getByRole("button", { name: "Delivered" }).click();
  await expect(merchant.getByTestId("col-delivered").getByTestId("board-order").filter({ hasText: customer })).toBeVisible();
  await expect(order).toHaveAttribute("data-status", "delivered");

  // Stock went from 3 to 1.
  await merchant.getByTestId("tabs").getByRole("link", { name: "Catalogue" }).click();
  await expect(merchant.getByLabel(`Stock of ${product}`)).toHaveValue("1");
  await Promise.all([merchant.context().close(), resident.context().close()]);
});

test("pay by QR code: the merchant shows a code, a resident pays it from another browser, the merchant sees it paid", async ({ browser }) => {
  const merchant = await merchantPage(browser);
  await merchant.getByTestId("tabs").getByRole("link", { name: "Pay by QR" }).click();
  await merchant.getByLabel("Amount (€)").fill("4,50");
  await merchant.getByLabel(/What for/).fill("Two baguettes");
  await merchant.getByRole("button", { name: "Show the QR code" }).click();
  await expect(merchant.getByRole("img", { name: "QR code to pay €4.50" })).toBeVisible();
  const link = (await merchant.getByTestId("qr-link").getAttribute("href"))!;
  expect(link).toMatch(/\/pay\/[A-Za-z0-9_-]+$/);

  const payer = `Théo Garnier ${randomBytes(2).toString("hex")}`;
  const { page: resident } = await newResident(browser, payer, "€10.00");
  await resident.goto(new URL(link).pathname);
  await expect(resident.getByTestId("pay-shop")).toHaveText("Primeur de la Croix-Rousse");
  await expect(resident.getByTestId("pay-amount")).toHaveText("€4.50");
  await resident.getByTestId("pay-confirm").click();
  await expect(resident.getByTestId("pay-done")).toContainText("Paid. Thank you!");
  await expect(merchant.getByTestId("qr-paid")).toContainText(`by ${payer}`);

  // The link is spent: opening it again says so and charges nothing.
  await resident.reload();
  await expect(resident.getByText("This link has already been paid.")).toBeVisible();
  await resident.goto("/wallet");
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€5.50");
  await Promise.all([merchant.context().close(), resident.context().close()]);
});
