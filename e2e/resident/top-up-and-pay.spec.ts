// Paying bills the wallet does not cover: the confirmation says what is missing before the
// tap and tops up exactly that and pays in one step. Offline, payments say they cannot be
// made now; a request the network drops ends in a clear error, not an endless spinner.
import { expect, test } from "../fixtures";
import { issueCanutsBills } from "../fixtures/bills";
import { newcomer } from "../fixtures/newcomer";

test.use({ locale: "en-GB" });

test("a resident short of money tops up exactly the missing amount and pays in one step", async ({ browser }) => {
  const refs = await issueCanutsBills(browser, [2150, 2400]);
  const page = await newcomer(browser, "Lina Mercier", "12");
  await page.goto("/bills");
  for (const ref of refs) await page.getByLabel(`Select bill ${ref}`).check();
  await page.getByRole("button", { name: "Pay 2 bills" }).click();
  const dialog = page.getByRole("dialog", { name: "Pay 2 bills" });
  // Said before anything is tapped, and the one action offered does it all.
  await expect(dialog.getByTestId("pay-missing")).toHaveText("Your balance is €12.00; €33.50 is missing.");
  const both = dialog.getByRole("button", { name: "Top up €33.50 and pay" });
  await expect(both).toBeFocused();
  await both.click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("pay-result")).toContainText("2 bills paid: €45.50, after topping up €33.50.");
  for (const ref of refs) await expect(page.getByLabel(`Select bill ${ref}`)).toHaveCount(0);

  // The wallet is at exactly zero: the €12 and the €33.50 top-up went to the bills.
  await page.goto("/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText("€0.00");
  const movements = page.getByTestId("movements");
  await expect(movements.getByRole("link")).toHaveCount(3);
  await expect(movements.getByRole("link").nth(0)).toContainText("-€45.50");
  await expect(movements.getByRole("link").nth(1)).toContainText("+€33.50");
  await expect(movements.getByRole("link").nth(2)).toContainText("+€12.00");
  await page.context().close();
});

test("offline, payments say they cannot be made now; a request the network drops ends in a clear error", async ({ browser }) => {
  const [ref] = await issueCanutsBills(browser, [990]);
  const page = await newcomer(browser, "Omar Haddad", "20");
  await page.goto("/bills");
  await page.getByLabel(`Select bill ${ref}`).check();
  await page.getByRole("button", { name: "Pay this bill" }).click();
  const dialog = page.getByRole("dialog", { name: "Pay one bill" });
  const pay = dialog.getByRole("button", { name: "Pay €9.90" });
  await expect(pay).toBeEnabled();

  // The browser goes offline: the button says why it is disabled; back online, it is usable.
  await page.context().setOffline(true);
  await expect(dialog.getByTestId("pay-offline")).toHaveText("You’re offline: this payment can’t be made now.");
  await expect(pay).toBeDisabled();
  await page.context().setOffline(false);
  await expect(dialog.getByTestId("pay-offline")).toHaveCount(0);
  await expect(pay).toBeEnabled();

  // The request is lost on the way (the browser thinks it is online): an error, no spinner, nothing paid.
  await page.route("**/api/trpc/bills.pay**", (route) => route.abort("internetdisconnected"));
  await pay.click();
  await expect(dialog.getByRole("alert")).toHaveText(/Cannot reach Quartier/);
  await expect(pay).toBeEnabled();
  await expect(pay).not.toHaveAttribute("aria-busy", "true");
  await page.unroute("**/api/trpc/bills.pay**");

  // The retry (same confirmation, same key) goes through once.
  await pay.click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("pay-result")).toContainText("Bill paid: €9.90.");

  // The wallet's top-up says the same offline.
  await page.goto("/wallet");
  await page.getByLabel("Amount (EUR)").fill("5");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.context().setOffline(true);
  await expect(page.getByTestId("top-up-offline")).toHaveText("You’re offline: this payment can’t be made now.");
  await expect(page.getByRole("button", { name: "Top up €5.00" })).toBeDisabled();
  await page.context().setOffline(false);
  await expect(page.getByTestId("wallet-balance")).toHaveText("€10.10");
  await page.context().close();
});
