import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, test, waitLive } from "../fixtures";
import type { Page } from "@playwright/test";

test.use({ locale: "en-GB" });

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name, exact: true }).click();

// merchant4@ is seeded without a shop; opening one is a one-off per database.
test("a merchant opens a shop (a bad window first); it stays hidden until an administrator approves it, live", async ({ browser }) => {
  const shopName = `Épicerie Chevalier ${randomBytes(2).toString("hex")}`;

  const merchantCtx = await browser.newContext({ locale: "en-GB" });
  const merchant = await merchantCtx.newPage();
  await signIn(merchant, DEMO.merchant4);
  await nav(merchant, "My shop");
  await expect(merchant.getByRole("heading", { name: "Open your shop on Quartier" })).toBeVisible();
  await expect(merchant.getByText("Residents see it once an administrator approves it.")).toBeVisible();
  await waitLive(merchant);

  const form = merchant.getByTestId("shop-form");
  // The name (at the top of a long form) is left empty at first.
  await form.getByLabel("Category").selectOption({ label: "Grocery" });
  await form.getByLabel("Description").fill("Produits secs, épices et huiles d'olive, livrés le soir.");
  await form.getByLabel("Minimum order (€)").fill("12,50");
  // Hours: closed on Monday (Sunday is closed by default), late closing on Saturday.
  await form.getByRole("checkbox", { name: "Monday" }).uncheck();
  await expect(form.getByLabel("Monday opens")).toHaveCount(0);
  await form.getByLabel("Saturday opens").fill("09:00");
  await form.getByLabel("Saturday closes").fill("20:30");
  // Delivery to Les Canuts only, one evening window, entered wrongly first.
  await form.getByRole("checkbox", { name: "Résidence Les Canuts" }).check();
  await form.getByLabel("Window starts").fill("19:00");
  await form.getByLabel("Window ends").fill("18:30");
  await form.getByRole("button", { name: "Create the shop" }).click();
  await expect(form.getByRole("alert")).toHaveText("Each window must end after it starts, with a cut-off in minutes.");
  await expect(merchant.getByRole("heading", { name: "Open your shop on Quartier" })).toBeVisible();
  // Focus goes to the first invalid field, not left on the button.
  await expect(form.getByLabel("Window ends")).toBeFocused();

  await form.getByLabel("Window ends").fill("20:30");
  await form.getByRole("button", { name: "Create the shop" }).click();
  // The server refuses the missing name: focus goes up to it, in view, 1,900 px above the button.
  const name = form.getByLabel("Name");
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeInViewport();
  await name.fill(shopName);
  await form.getByRole("button", { name: "Create the shop" }).click();
  await expect(merchant.getByText("Shop created: it now waits for approval.")).toBeVisible();
  await expect(merchant.getByRole("heading", { name: shopName })).toBeVisible();
  const notice = merchant.getByTestId("shop-status");
  await expect(notice).toHaveText("Waiting for approval: residents cannot see your shop yet. You can prepare your catalogue.");
  await expect(merchant.getByText("Orders arrive here once your shop is approved.")).toBeVisible();

  // A resident of Les Canuts does not see it yet.
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signIn(resident, DEMO.resident);
  await nav(resident, "Shops");
  await expect(resident.getByRole("link", { name: /Primeur de la Croix-Rousse/ })).toBeVisible();
  await expect(resident.getByRole("link", { name: new RegExp(shopName) })).toHaveCount(0);

  // The administrator reviews what was entered, and approves.
  const adminCtx = await browser.newContext({ locale: "en-GB" });
  const admin = await adminCtx.newPage();
  await signIn(admin, DEMO.admin);
  await nav(admin, "Shop approvals");
  await expect(admin.getByRole("button", { name: "Waiting" })).toHaveAttribute("aria-pressed", "true");
  const entry = admin.locator(`[data-testid="review-shop"][data-name="${shopName}"]`);
  await expect(entry).toContainText("Pending");
  await expect(entry).toContainText("Grocery · Margaux Chevalier (merchant4@quartier.test)");
  await expect(entry).toContainText("Delivers to: Résidence Les Canuts · 1 window · minimum €12.50");
  await entry.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByText("Shop approved.")).toBeVisible();
  await expect(entry).toHaveCount(0);
  await admin.getByRole("button", { name: "Approved", exact: true }).click();
  await expect(entry).toContainText("Approved");

  // The merchant's page follows without a reload: the notice is gone, the board is there.
  await expect(notice).toHaveCount(0);
  await expect(merchant.getByText("Orders arrive here once your shop is approved.")).toHaveCount(0);
  await expect(merchant.getByText("No orders yet today")).toBeVisible();

  // The resident now finds it, with its minimum order.
  await resident.reload();
  const link = resident.getByRole("link", { name: new RegExp(shopName) });
  await expect(link).toBeVisible();
  await expect(link).toContainText("Grocery");
  await expect(link).toContainText("minimum €12.50");
  await link.click();
  await expect(resident.getByRole("heading", { name: shopName })).toBeVisible();
  await expect(resident.getByText("No products yet.")).toBeVisible();
  await Promise.all([merchantCtx.close(), residentCtx.close(), adminCtx.close()]);
});
