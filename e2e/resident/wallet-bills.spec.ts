import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

const HEADER = "staircase,door,kind,reference,period_start,period_end,due_date,amount_cents,meter_reading,consumption,consumption_unit";
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from([HEADER, ...lines].join("\n") + "\n") });

test("a manager imports bills (a bad row first), the resident tops up and pays two at once, and arrears change live", async ({ browser }) => {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const refs = [`W-${tag}-1`, `G-${tag}-2`];

  // A newcomer joins household B-401 of Les Canuts with the demo code.
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signUp(resident, { name: "Nora Lambert", email: uniqueEmail("nora") });
  await resident.getByLabel("Invite code").fill("CANU-TS24");
  await resident.getByRole("button", { name: "Join", exact: true }).click();
  await expect(resident.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();

  // The manager opens the building's bills and imports a file with one bad row: nothing is imported.
  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager);
  await manager.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Buildings" }).click();
  await manager.getByRole("link", { name: /Résidence Les Canuts/ }).click();
  await manager.getByTestId("tabs").getByRole("link", { name: "Bills" }).click();
  await waitLive(manager);
  await manager.getByTestId("bill-views").getByRole("link", { name: "Import", exact: true }).click();
  const good = [`B,401,water,${refs[0]},2026-10-01,2026-10-31,2099-01-15,4250,880.5,9.5,m3`, `B,401,gas,${refs[1]},2026-10-01,2026-10-31,2099-01-15,1875,,,`];
  await manager.getByLabel("CSV file").setInputFiles(csvFile("bills.csv", [good[0]!, `B,401,water,${tag}-BAD,2026-10-01,2026-09-31,2099-01-15,12.50,,,`, good[1]!]));
  const errors = manager.getByTestId("import-errors");
  await expect(manager.getByText(/problems found: nothing was imported/)).toBeVisible();
  await expect(errors.getByRole("row", { name: /^3 amount_cents/ })).toContainText("Not a whole number of cents");
  await expect(errors.getByRole("row", { name: /^3 period_end/ })).toContainText("Not a date");
  await expect(manager.getByTestId("import-confirm")).toHaveCount(0);

  // Fixed file: checked, then imported.
  await manager.getByLabel("CSV file").setInputFiles(csvFile("bills-fixed.csv", good));
  await expect(manager.getByText("2 bills are ready to import.")).toBeVisible();
  await manager.getByRole("button", { name: "Import 2 bills" }).click();
  await expect(manager.getByText("2 bills imported.").first()).toBeVisible();
  await manager.getByTestId("bill-views").getByRole("link", { name: "Overview", exact: true }).click();

  const showAll = manager.getByRole("button", { name: /^Show all \d+ units$/ });
  if (await showAll.isVisible()) await showAll.click();
  const row = manager.getByTestId("arrears").locator('[data-unit="B-401"]');
  await expect(row).toBeVisible();
  const before = (await row.locator("td").nth(1).textContent())!;

  // The resident tops up with test payments…
  await resident.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Wallet" }).click();
  await expect(resident.getByTestId("sandbox-badge")).toHaveText("Test payments");
  await resident.getByLabel("Amount (EUR)").fill("1,5x");
  await resident.getByRole("button", { name: "Continue" }).click();
  await expect(resident.getByText("Enter an amount such as 20 or 20,50.")).toBeVisible();
  await resident.getByRole("button", { name: "€100.00" }).click();
  await resident.getByRole("button", { name: "Continue" }).click();
  await resident.getByRole("button", { name: "Top up €100.00" }).click();
  await expect(resident.getByText("€100.00 added to your wallet.")).toBeVisible();
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€100.00");
  await expect(resident.getByTestId("movements").getByText("Top-up")).toBeVisible();

  // …then pays the two new bills in one confirmation.
  await resident.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Bills" }).click();
  await waitLive(resident);
  for (const ref of refs) await resident.getByLabel(`Select bill ${ref}`).check();
  await expect(resident.getByTestId("pay-bar")).toContainText("€61.25");
  await resident.getByRole("button", { name: "Pay 2 bills" }).click();
  const sheet = resident.getByTestId("pay-confirm");
  await expect(sheet).toContainText("From your wallet (balance €100.00)");
  await sheet.getByRole("button", { name: "Pay €61.25" }).click();
  await expect(resident.getByText("2 bills paid: €61.25.")).toBeVisible();
  for (const ref of refs) await expect(resident.getByTestId("due-bills").locator(`[data-reference="${ref}"]`)).toHaveCount(0);

  // The chart of consumption and amounts is there (the unit has a year of bills).
  await expect(resident.getByTestId("bills-chart").locator(".chart-bar").first()).toBeVisible();

  // The receipt lists both bills.
  await resident.getByTestId("pay-result").getByRole("link", { name: "Receipt" }).click();
  await expect(resident).toHaveURL(/\/wallet\/[a-z0-9]+$/);
  await expect(resident.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(resident.getByTestId("receipt-amount")).toHaveText("-€61.25");
  for (const ref of refs) await expect(resident.getByTestId("receipt-bills")).toContainText(ref);
  await expect(resident.getByRole("button", { name: "Print" })).toBeVisible();

  // The manager's arrears for B-401 went down without a reload.
  await expect(row.locator("td").nth(1)).not.toHaveText(before);
  await Promise.all([managerCtx.close(), residentCtx.close()]);
});

test("paying without enough money says so before the tap, offers the top-up, and charges nothing when cancelled", async ({ page }) => {
  await signUp(page, { name: "Paul Girard", email: uniqueEmail("paul") });
  await page.getByLabel("Invite code").fill("CANU-TS24");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await page.goto("/bills");
  const first = page.getByTestId("bill-row").first();
  await first.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Pay this bill" }).click();
  const sheet = page.getByTestId("pay-confirm");
  await expect(sheet.getByTestId("pay-missing")).toContainText("Your balance is €0.00;");
  await expect(sheet.getByTestId("pay-missing")).toContainText("is missing.");
  await expect(sheet.getByTestId("top-up-and-pay")).toHaveText(/^Top up €[\d.,]+ and pay$/);
  await expect(sheet.getByTestId("pay-confirm-button")).toHaveCount(0);
  await sheet.getByRole("button", { name: "Cancel" }).click();
  await expect(sheet).toHaveCount(0);
  await page.goto("/wallet");
  await expect(page.getByTestId("wallet-balance")).toHaveText("€0.00");
  await expect(page.getByText("No movements yet")).toBeVisible();
});
