// The resident's home (issue 15): a newcomer's first run (join), then what needs them now:
// bills to pay with a one-tap "Pay" that lands on the bills page ready to pay, a bill issued
// by the manager arriving on the open home without reload, and joining another home from the
// account page. Other journeys join the same flat (B-401 with CANU-TS24), so counts are read.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

async function openCanuts(manager: Page, tab: "Bills" | "Invite codes", building = /Résidence Les Canuts/) {
  await manager.goto("/buildings");
  await manager.getByRole("link", { name: building }).click();
  await manager.getByTestId("tabs").getByRole("link", { name: tab }).click();
}

test("a newcomer joins, sees what to pay, pays in one tap, follows a new bill live and joins another home from the account page", async ({ browser }) => {
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const reference = `W-HOME-${tag}`;
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const page = await residentCtx.newPage();
  await signUp(page, { name: `Inès Roussel ${tag}`, email: uniqueEmail("home") });

  // First run: no home yet, the ways to join.
  await expect(page.getByText("You are not linked to a building yet")).toBeVisible();
  await expect(page.getByTestId("home-bills")).toHaveCount(0);
  await page.getByLabel("Invite code").fill("CANU-TS24");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();

  // The home turns into "what needs me now": the flat, the bills to pay (the demo data issues this month's).
  await expect(page.getByTestId("my-homes").getByText("Staircase B · Door 401 · floor 4")).toBeVisible();
  await expect(page.getByLabel("Invite code")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "To do now" })).toBeVisible();
  const bills = page.getByTestId("home-bills");
  await expect(bills.getByTestId("home-bills-count")).toHaveAttribute("data-count", /^[1-9]\d*$/);
  await expect(bills.getByTestId("home-bills-total")).toHaveText(/^€\d/);
  await expect(page.getByTestId("home-wallet-balance")).toHaveText("€0.00");
  await expect(bills.getByTestId("home-bills-short")).toContainText("Your wallet holds €0.00");
  await expect(page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /My orders/ })).toBeVisible();
  await waitLive(page);

  // The manager issues an overdue bill to B-401: it shows on the open home, first, without reload.
  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager);
  await openCanuts(manager, "Bills");
  await manager.getByTestId("bill-views").getByRole("link", { name: "Issue", exact: true }).click();
  const form = manager.getByTestId("issue-bill");
  await form.getByLabel("Unit", { exact: true }).selectOption({ label: "Staircase B · Door 401 · floor 4" });
  await form.getByLabel("Kind").selectOption({ label: "Water" });
  await form.getByLabel("Reference").fill(reference);
  await form.getByLabel("Period from").fill("2000-01-01");
  await form.getByLabel("Period to").fill("2000-01-31");
  await form.getByLabel("Due date").fill("2000-02-15");
  await form.getByLabel("Amount (€)").fill("12.34");
  await form.getByRole("button", { name: "Issue the bill" }).click();
  const row = bills.locator(`[data-reference="${reference}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("€12.34");
  await expect(bills.locator("[data-reference]").first()).toHaveAttribute("data-reference", reference);
  await expect(bills.getByRole("status")).toContainText(/overdue/);

  // One tap: the bills page with every due bill selected, the payment ready to confirm.
  await bills.getByTestId("home-pay").click();
  await expect(page).toHaveURL(/\/bills\?pay=all-due$/);
  const due = page.getByTestId("due-bills");
  await expect(due.locator(`[data-reference="${reference}"]`).getByRole("checkbox")).toBeChecked();
  const boxes = due.getByRole("checkbox");
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await expect(boxes.nth(i)).toBeChecked();
  await expect(page.getByTestId("pay-bar")).toBeVisible();
  await expect(page.getByRole("button", { name: n === 1 ? "Pay this bill" : `Pay ${n} bills` })).toBeVisible();

  // "My homes" is on the account page now, with a way to join another one.
  await page.goto("/home");
  await page.getByRole("link", { name: "My homes" }).click();
  await expect(page).toHaveURL(/\/account#homes$/);
  const homes = page.getByTestId("my-homes");
  await expect(homes.getByText("Résidence Les Canuts")).toBeVisible();
  await openCanuts(manager, "Invite codes", /Tour Belvédère/);
  await manager.getByLabel("For unit").selectOption({ label: "Door 803 · floor 8" });
  await manager.getByRole("button", { name: "Create code" }).click();
  const toast = manager.getByText(/^Code [A-Z2-9]{4}-[A-Z2-9]{4} created/);
  await expect(toast).toBeVisible();
  const code = (await toast.textContent())!.match(/[A-Z2-9]{4}-[A-Z2-9]{4}/)![0];
  await expect(page.getByRole("heading", { name: "Join another home" })).toBeVisible();
  await page.getByLabel("Invite code").fill(code);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Tour Belvédère!")).toBeVisible();
  await expect(homes.getByText("Tour Belvédère")).toBeVisible();
  await expect(homes.getByText("Door 803 · floor 8")).toBeVisible();

  // Back home, both homes are listed.
  await page.goto("/home");
  await expect(page.getByTestId("my-homes").getByText("Tour Belvédère")).toBeVisible();
  await expect(page.getByTestId("my-homes").getByText("Résidence Les Canuts")).toBeVisible();
  await Promise.all([residentCtx.close(), managerCtx.close()]);
});

test.describe("in French", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "accept-language": "fr-FR,fr;q=0.9" } });

  test("the demo resident's home speaks French", async ({ page }) => {
    await signIn(page, DEMO.resident);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Camille Martin");
    await expect(page.getByRole("heading", { name: "À faire maintenant" })).toBeVisible();
    await expect(page.getByTestId("home-bills").getByRole("heading", { name: "Factures à payer" })).toBeVisible();
    await expect(page.getByTestId("home-coming").getByRole("heading", { name: "Commandes en route" })).toBeVisible();
    await expect(page.getByTestId("home-wallet").getByRole("link", { name: "Ouvrir le porte-monnaie" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: /Mes commandes/ })).toBeVisible();
    await expect(page.getByTestId("my-homes").getByText("Escalier A · Porte 302 · étage 3")).toBeVisible();
  });
});
