// A resident who uses only the keyboard: signs up, joins the building, tops up, pays two
// bills through the confirmation dialog, orders from a shop and cancels the order. No clicks
// and no fills: every control is reached with Tab / Shift+Tab and worked with Enter / Space
// (Escape to step back), and focus is checked wherever a control replaces another, opens or
// closes.
import type { Locator, Page } from "@playwright/test";
import { expect, test, uniqueEmail } from "../fixtures";
import { issueCanutsBills } from "../fixtures/bills";

test.use({ locale: "en-GB" });

/** Presses Tab (or Shift+Tab) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab did not reach ${target.toString()} in ${max} presses`);
}

/** Follows a link of the main navigation from the keyboard. */
async function navigate(page: Page, name: string) {
  await tabTo(page, page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name, exact: true }));
  await page.keyboard.press("Enter");
}

test("keyboard only: sign up, join, top up, pay two bills in the dialog, order from a shop and cancel", async ({ page, browser }) => {
  // A long journey, one key at a time.
  test.setTimeout(180_000);
  const refs = await issueCanutsBills(browser, [1234, 2345]);

  // Sign up.
  await page.goto("/sign-up");
  await tabTo(page, page.getByLabel("Display name"));
  await page.keyboard.type("Kim Keyboard");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(uniqueEmail("kim"));
  await tabTo(page, page.getByLabel("Password", { exact: true }));
  await page.keyboard.type("a-good-password");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/home$/);

  // Join Les Canuts B-401 with the invite code.
  await tabTo(page, page.getByLabel("Invite code"));
  await page.keyboard.type("CANU-TS24");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();

  // Top up €100: the confirmation takes focus, and gives it back to "Continue" afterwards.
  await navigate(page, "Wallet");
  await expect(page).toHaveURL(/\/wallet$/);
  await tabTo(page, page.getByRole("button", { name: "€100.00" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  const confirmTopUp = page.getByRole("button", { name: "Top up €100.00" });
  await expect(confirmTopUp).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("wallet-balance")).toHaveText("€100.00");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();

  // Pick the two bills, open the dialog: focus on its primary action.
  await navigate(page, "Bills");
  await expect(page).toHaveURL(/\/bills/);
  for (const ref of refs) {
    const box = page.getByLabel(`Select bill ${ref}`);
    await tabTo(page, box);
    await page.keyboard.press("Space");
    await expect(box).toBeChecked();
  }
  const open = page.getByRole("button", { name: "Pay 2 bills" });
  await tabTo(page, open);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Pay 2 bills" });
  await expect(dialog).toBeVisible();
  const payButton = dialog.getByRole("button", { name: "Pay €35.79" });
  await expect(payButton).toBeFocused();
  await expect(dialog).toContainText("From your wallet (balance €100.00)");

  // Escape closes it and focus is back on "Pay 2 bills"; nothing was paid.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();

  // Again, and Tab stays inside the dialog (the page behind it is inert).
  await page.keyboard.press("Enter");
  await expect(payButton).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(payButton).toBeFocused();
  await page.keyboard.press("Enter");

  // Paid: the dialog closes and focus lands on the result, whose receipt link is next.
  await expect(dialog).toHaveCount(0);
  const result = page.getByTestId("pay-result");
  await expect(result).toHaveText("2 bills paid: €35.79. Receipt");
  await expect(result).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(result.getByRole("link", { name: "Receipt" })).toBeFocused();
  for (const ref of refs) await expect(page.getByLabel(`Select bill ${ref}`)).toHaveCount(0);

  // Order from the Primeur: three pears (€3.90 a kilo; the minimum order is €8).
  await navigate(page, "Shops");
  await tabTo(page, page.getByRole("link", { name: /Primeur de la Croix-Rousse/ }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByPlaceholder("Search products"));
  await page.keyboard.type("Poires");
  await expect(page.getByTestId("product")).toHaveCount(1);
  const add = page.getByRole("button", { name: "Add Poires Conférence" });
  await tabTo(page, add);
  await page.keyboard.press("Enter");
  // "Add" became the stepper: focus is on its "+", and the cart bar that appeared does not cover it.
  const more = page.getByRole("button", { name: "One more Poires Conférence" });
  await expect(more).toBeFocused();
  const clearOfCart = async (el: Locator) => {
    const [box, bar] = [await el.boundingBox(), await page.getByTestId("cart").boundingBox()];
    expect(box && bar && box.y + box.height <= bar.y).toBe(true);
  };
  await clearOfCart(more);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("qty")).toHaveText("2");
  // Down to zero with "−": focus comes back to "Add".
  const less = page.getByRole("button", { name: "One less Poires Conférence" });
  await page.keyboard.press("Shift+Tab");
  await expect(less).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(add).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(more).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("qty")).toHaveText("3");
  await clearOfCart(more);

  // Checkout and place the order: focus lands on the confirmation's heading.
  await tabTo(page, page.getByTestId("cart").getByRole("button", { name: "Checkout" }));
  await page.keyboard.press("Enter");
  const place = page.getByRole("button", { name: "Order and pay €11.70" });
  await tabTo(page, place);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orders\?placed=/);
  const heading = page.getByTestId("order-placed").getByRole("heading");
  await expect(heading).toHaveText(/^Order no\. \S+ placed$/);
  await expect(heading).toBeFocused();
  const order = page.getByTestId("order").first();
  await expect(order).toHaveAttribute("data-status", "placed");

  // Cancelling asks first: focus goes into the question, back to the trigger on Escape, and,
  // once the order is cancelled and the trigger gone, to the order itself.
  const cancel = order.getByRole("button", { name: "Cancel order" });
  await tabTo(page, cancel);
  await page.keyboard.press("Enter");
  const question = order.getByRole("group", { name: /^Cancel this order\?/ });
  await expect(question.getByRole("button", { name: "Confirm" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(question.getByRole("button", { name: "Confirm" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(order.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(order).toBeFocused();
});
