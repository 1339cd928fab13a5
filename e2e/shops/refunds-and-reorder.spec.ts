import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";
import type { Page } from "@playwright/test";

test.use({ locale: "en-GB" });

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name, exact: true }).click();

/** Puts the given products in the cart of the shop page that is open, and checks out. */
async function order(page: Page, items: string[], total: string) {
  for (const name of items) await page.getByRole("button", { name: `Add ${name}` }).click();
  await page.getByTestId("cart").getByRole("button", { name: "Checkout" }).click();
  await expect(page.getByTestId("cart-total")).toHaveText(total);
  await page.getByRole("button", { name: `Order and pay ${total}` }).click();
  await expect(page).toHaveURL(/\/orders\?placed=/);
}

test("a resident cancels one order, the merchant rejects another, both are refunded; ordering again flags what ran out", async ({ browser }) => {
  // Two people in two browsers through seven steps: near 45 s on a loaded 2-core machine.
  test.setTimeout(90_000);
  const tag = randomBytes(2).toString("hex");
  const kakis = `Kakis ${tag}`;
  const figs = `Figues ${tag}`;
  const customer = `Lucie Perrin ${tag}`;

  // The merchant adds two products with a limited stock.
  const merchantCtx = await browser.newContext({ locale: "en-GB" });
  const merchant = await merchantCtx.newPage();
  await signIn(merchant, DEMO.merchant);
  await nav(merchant, "My shop");
  await expect(merchant.getByRole("heading", { name: "Primeur de la Croix-Rousse" })).toBeVisible();
  await waitLive(merchant);
  await merchant.getByTestId("tabs").getByRole("link", { name: "Catalogue" }).click();
  const form = merchant.getByTestId("add-product");
  for (const [name, price] of [[kakis, "4,50"], [figs, "5,00"]] as const) {
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Price (€)").fill(price);
    await form.getByLabel("Stock").fill("6");
    await form.getByRole("button", { name: "Add the product" }).click();
    await expect(merchant.getByText(`${name} added.`)).toBeVisible();
  }
  await merchant.getByTestId("tabs").getByRole("link", { name: "Orders" }).click();

  // A newcomer joins Les Canuts with the demo code and tops up €50.
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signUp(resident, { name: customer, email: uniqueEmail("lucie") });
  await resident.getByLabel("Invite code").fill("CANU-TS24");
  await resident.getByRole("button", { name: "Join", exact: true }).click();
  await expect(resident.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await nav(resident, "Wallet");
  await resident.getByRole("button", { name: "€50.00" }).click();
  await resident.getByRole("button", { name: "Continue" }).click();
  await resident.getByRole("button", { name: "Top up €50.00" }).click();
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€50.00");

  // First order: two kakis (€9.00), cancelled before the merchant accepts it.
  await nav(resident, "Shops");
  await resident.getByRole("link", { name: /Primeur de la Croix-Rousse/ }).click();
  await resident.getByRole("button", { name: `Add ${kakis}` }).click();
  await resident.getByRole("button", { name: `One more ${kakis}` }).click();
  await resident.getByTestId("cart").getByRole("button", { name: "Checkout" }).click();
  await expect(resident.getByTestId("cart-total")).toHaveText("€9.00");
  await resident.getByRole("button", { name: "Order and pay €9.00" }).click();
  await expect(resident).toHaveURL(/\/orders\?placed=/);
  await waitLive(resident);
  const first = resident.getByTestId("order").filter({ hasText: `2 × ${kakis}` });
  await expect(first).toHaveAttribute("data-status", "placed");
  await first.getByRole("button", { name: "Cancel order" }).click();
  const question = first.getByRole("group", { name: "Cancel this order? €9.00 goes back to your wallet." });
  await expect(question).toBeVisible();
  await question.getByRole("button", { name: "Confirm" }).click();
  await expect(resident.getByText("Order cancelled and refunded.")).toBeVisible();
  await expect(first).toHaveAttribute("data-status", "canceled");
  await expect(first.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(first).toContainText("Refunded to your wallet.");
  await expect(first.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  // The merchant's board lists it among the closed orders, live.
  await expect(merchant.getByRole("listitem").filter({ hasText: customer }).getByText("Cancelled")).toBeVisible();

  await nav(resident, "Wallet");
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€50.00");
  await expect(resident.getByTestId("movements").getByText("Refund", { exact: true })).toBeVisible();

  // Second order: one kakis and one box of figs (€9.50); the merchant rejects it on the board.
  await nav(resident, "Shops");
  await resident.getByRole("link", { name: /Primeur de la Croix-Rousse/ }).click();
  await order(resident, [kakis, figs], "€9.50");
  await waitLive(resident);
  const second = resident.getByTestId("order").filter({ hasText: `1 × ${figs}` });
  await expect(second).toHaveAttribute("data-status", "placed");

  const card = merchant.getByTestId("col-placed").getByTestId("board-order").filter({ hasText: customer });
  await expect(card).toContainText(`1 × ${figs}`);
  await card.getByRole("button", { name: "Reject" }).click();
  await card.getByRole("group", { name: "Reject and refund this order in full?" }).getByRole("button", { name: "Confirm" }).click();
  await expect(card).toHaveCount(0);

  // The resident's orders page follows without a reload.
  await expect(second).toHaveAttribute("data-status", "rejected");
  await expect(second.getByTestId("order-status")).toHaveText("Rejected");
  await expect(second.getByRole("button", { name: "Cancel order" })).toHaveCount(0);

  // The merchant runs out of figs.
  await merchant.getByTestId("tabs").getByRole("link", { name: "Catalogue" }).click();
  const figStock = merchant.getByLabel(`Stock of ${figs}`);
  await expect(figStock).toHaveValue("6");
  await figStock.fill("0");
  await figStock.press("Enter");
  await expect(merchant.getByText(`${figs} saved.`)).toBeVisible();
  await expect(figStock).toHaveValue("0");

  // "Order again" puts the kakis back in the cart and says the figs are out of stock.
  await second.getByRole("button", { name: "Order again" }).click();
  await expect(resident).toHaveURL(/\/shops\/[a-z0-9]+$/);
  await expect(resident.getByTestId("reorder-notes")).toContainText("From your previous order:");
  await expect(resident.getByTestId("reorder-notes")).toContainText(`${figs} is out of stock.`);
  await expect(resident.getByTestId("reorder-notes")).not.toContainText(kakis);
  const cart = resident.getByTestId("cart");
  await expect(cart).toContainText("1 item");
  await expect(cart).toContainText("€4.50");
  await expect(resident.locator(`[data-testid="product"][data-name="${kakis}"]`).getByTestId("qty")).toHaveText("1");
  // After a reload (the note was shown once), the figs are marked out of stock; the cart survived.
  // (Without the reload the page may show the catalogue cached up to 15 s earlier: see the report.)
  await resident.reload();
  await expect(resident.getByTestId("reorder-notes")).toHaveCount(0);
  await expect(cart).toContainText("1 item");
  const figCard = resident.locator(`[data-testid="product"][data-name="${figs}"]`);
  await expect(figCard).toContainText("Out of stock");
  await expect(figCard.getByRole("button", { name: `Add ${figs}` })).toBeDisabled();

  // Nothing was charged in the end: both orders were refunded in full.
  await nav(resident, "Wallet");
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€50.00");
  await expect(resident.getByTestId("movements").getByText("Refund", { exact: true })).toHaveCount(2);
  await Promise.all([merchantCtx.close(), residentCtx.close()]);
});
