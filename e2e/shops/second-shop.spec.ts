import { randomBytes } from "node:crypto";
import { expect, signIn, test } from "../fixtures";

test.use({ locale: "en-GB" });

// garage@ runs a repair service (Garage du Plateau) and opens a shop beside it; /shop then
// shows the one the address names, the tab links keep it, and a switcher goes between them.
test("a merchant with a business opens a second one and goes between them", async ({ page }) => {
  const shopName = `Pièces auto ${randomBytes(2).toString("hex")}`;
  await signIn(page, "garage@quartier.test");
  await page.goto("/shop");
  await expect(page.getByRole("heading", { name: "Garage du Plateau", level: 1 })).toBeVisible();
  // One business: no switcher yet, only the way to open another.
  await expect(page.getByTestId("shop-switcher")).toHaveCount(0);
  await page.getByTestId("open-another-shop").click();
  await expect(page.getByRole("heading", { name: "Open another shop" })).toBeVisible();

  const form = page.getByTestId("shop-form");
  await form.getByLabel("Name").fill(shopName);
  await form.getByLabel("Category").selectOption({ label: "Grocery" });
  await form.getByRole("checkbox", { name: "Résidence Les Canuts" }).check();
  await form.getByRole("button", { name: "Create the shop" }).click();
  await expect(page.getByText("Shop created: it now waits for approval.")).toBeVisible();
  await expect(page.getByRole("heading", { name: shopName, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/shop\?shop=[a-z0-9]+$/);
  const newShopUrl = page.url();

  // A tab keeps the shop; a reload too.
  await page.getByTestId("tabs").getByRole("link", { name: "Catalogue" }).click();
  await expect(page).toHaveURL(/\?shop=[a-z0-9]+&tab=catalogue$/);
  await page.reload();
  await expect(page.getByRole("heading", { name: shopName, level: 1 })).toBeVisible();
  await expect(page.getByTestId("tabs").getByRole("link", { name: "Catalogue" })).toHaveAttribute("aria-current", "page");

  // The switcher goes back to the repair service, and Back to the new shop.
  const switcher = page.getByTestId("shop-switcher");
  await expect(switcher.locator("option")).toHaveText(["Garage du Plateau", shopName]);
  await switcher.selectOption({ label: "Garage du Plateau" });
  await expect(page.getByRole("heading", { name: "Garage du Plateau", level: 1 })).toBeVisible();
  await expect(page.getByTestId("tabs").getByRole("link", { name: /Requests/ })).toBeVisible();
  await page.goto(newShopUrl);
  await expect(page.getByRole("heading", { name: shopName, level: 1 })).toBeVisible();
});
