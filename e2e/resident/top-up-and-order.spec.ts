// Ordering from a shop and paying a shop's QR code with a wallet that does not cover it:
// what is missing is said before the tap, and one action tops up exactly that and orders
// (or pays). Offline, the checkout says the order cannot be placed now.
import { DEMO, expect, signIn, test, waitLive } from "../fixtures";
import { newcomer } from "../fixtures/newcomer";

test.use({ locale: "en-GB" });

test("a resident short of money tops up exactly the missing amount and orders in one step", async ({ browser }) => {
  const page = await newcomer(browser, "Nadia Perrin", "5");
  await page.goto("/shops");
  await page.getByRole("link", { name: /Primeur de la Croix-Rousse/ }).click();
  await waitLive(page);
  // Unlimited stock: journeys running side by side never take it from each other.
  const product = "Pommes Reinette grise du Canada";
  await page.getByRole("button", { name: `Add ${product}` }).click();
  await page.getByRole("button", { name: `One more ${product}` }).click();
  const cart = page.getByTestId("cart");
  await cart.getByRole("button", { name: "Checkout" }).click();
  await expect(cart.getByTestId("cart-total")).toHaveText("€9.00");

  // Said before anything is tapped: €5 in the wallet, €4 missing; the one action does it all.
  await expect(cart.getByTestId("pay-missing")).toHaveText("Your balance is €5.00; €4.00 is missing.");
  const both = cart.getByRole("button", { name: "Top up €4.00 and order" });
  await expect(both).toBeEnabled();

  // Offline, it says the order cannot be placed now instead of trying.
  await page.context().setOffline(true);
  await expect(cart.getByTestId("pay-offline")).toHaveText("You’re offline: this order can’t be placed now.");
  await expect(both).toBeDisabled();
  await page.context().setOffline(false);
  await expect(cart.getByTestId("pay-offline")).toHaveCount(0);

  await both.click();
  await expect(page).toHaveURL(/\/orders\?placed=/);
  await expect(page.getByText(/placed and paid \(€9\.00\), after topping up €4\.00\./)).toBeVisible();
  await expect(page.getByTestId("order").first()).toHaveAttribute("data-status", "placed");

  // The wallet is at exactly zero: the €5 and the €4 top-up went to the order.
  await page.goto("/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText("€0.00");
  const movements = page.getByTestId("movements").getByRole("link");
  await expect(movements).toHaveCount(3);
  await expect(movements.nth(0)).toContainText("-€9.00");
  await expect(movements.nth(1)).toContainText("+€4.00");
  await page.context().close();
});

test("a resident short of money pays a shop's QR code by topping up exactly the missing amount", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const merchant = await ctx.newPage();
  await signIn(merchant, DEMO.merchant);
  await merchant.goto("/shop?tab=qr");
  await waitLive(merchant);
  await merchant.getByLabel("Amount (€)").fill("7,50");
  await merchant.getByRole("button", { name: "Show the QR code" }).click();
  const link = (await merchant.getByTestId("qr-link").getAttribute("href"))!;

  const page = await newcomer(browser, "Hugo Lambert", "5");
  await page.goto(new URL(link).pathname);
  await expect(page.getByTestId("pay-amount")).toHaveText("€7.50");
  await expect(page.getByTestId("pay-missing")).toHaveText("Your balance is €5.00; €2.50 is missing.");
  await page.getByRole("button", { name: "Top up €2.50 and pay" }).click();
  await expect(page.getByTestId("pay-done")).toContainText("Paid, after topping up €2.50. Thank you!");
  await expect(merchant.getByTestId("qr-paid")).toContainText("by Hugo Lambert");
  await Promise.all([ctx.close(), page.context().close()]);
});
