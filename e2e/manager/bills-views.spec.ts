// The manager's Bills tab in views kept in the address (overview, issue, import, the list
// with search and filters), and the Units tab's residents and balances.
import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, test } from "../fixtures";
import type { Page } from "@playwright/test";

test.use({ locale: "en-GB" });

const views = (page: Page) => page.getByTestId("bill-views");
const viewLink = (page: Page, name: string) => views(page).getByRole("link", { name, exact: true });

async function openBuilding(page: Page, name: RegExp) {
  await signIn(page, DEMO.manager);
  await page.goto("/buildings");
  await page.getByRole("link", { name }).click();
}

/** "YYYY-MM" of this month moved by `offset` months. */
const month = (offset: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};

test("the Bills tab's views are in the address (reload and Back keep them), and the list searches and filters", async ({ page }) => {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const reference = `S-${tag}`;
  await openBuilding(page, /Le Clos Jacquard/);
  await page.getByTestId("tabs").getByRole("link", { name: "Bills" }).click();

  // The overview comes first, and only it.
  await expect(viewLink(page, "Overview")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("billing-stats")).toBeVisible();
  await expect(page.getByText("Residents get a reminder in Quartier 3 days before a bill is due")).toBeVisible();
  await expect(page.getByTestId("issue-bill")).toHaveCount(0);
  await expect(page.getByTestId("building-bills")).toHaveCount(0);

  // Issue: a bill for this month's period.
  await viewLink(page, "Issue").click();
  await expect(page).toHaveURL(/[?&]tab=bills&view=issue$/);
  const form = page.getByTestId("issue-bill");
  await form.getByLabel("Unit", { exact: true }).selectOption({ label: "Door 601 · floor 6" });
  await form.getByLabel("Reference").fill(reference);
  await form.getByLabel("Period from").fill(`${month(0)}-01`);
  await form.getByLabel("Period to").fill(`${month(0)}-02`);
  await form.getByLabel("Due date").fill("2099-01-15");
  await form.getByLabel("Amount (€)").fill("23,10");
  await form.getByRole("button", { name: "Issue the bill" }).click();
  await expect(page.getByText(`Bill ${reference} issued (€23.10).`)).toBeVisible();

  // The list.
  await viewLink(page, "All bills").click();
  await expect(page).toHaveURL(/view=list$/);
  await expect(viewLink(page, "All bills")).toHaveAttribute("aria-current", "page");
  const list = page.getByTestId("building-bills");
  await expect(list.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByTestId("issue-bill")).toHaveCount(0);

  // The search finds the bill by part of its reference, in any case.
  await page.getByTestId("bill-search").fill(tag.toLowerCase());
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem")).toContainText(reference);
  await expect(list.getByRole("listitem")).toContainText("€23.10");
  // …and by its unit, with the other filters: this month's period, unpaid.
  await page.getByTestId("bill-search").fill("601");
  await page.getByTestId("bill-period").selectOption(month(0));
  await page.getByTestId("bill-status").selectOption({ label: "Unpaid" });
  await expect(list.locator(`[data-reference="${reference}"]`)).toBeVisible();
  for (const text of await list.getByRole("listitem").allTextContents()) expect(text).toContain("Door 601");
  // Paid bills of this month for that door: not this one.
  await page.getByTestId("bill-status").selectOption({ label: "Paid" });
  await expect(list.locator(`[data-reference="${reference}"]`)).toHaveCount(0);
  // A period a year ago with the reference: nothing, and one click clears every filter.
  await page.getByTestId("bill-status").selectOption({ label: "All" });
  await page.getByTestId("bill-search").fill(reference);
  await page.getByTestId("bill-period").selectOption(month(-12));
  await expect(page.getByText("No bill matches these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear the filters" }).click();
  await expect(page.getByTestId("bill-search")).toHaveValue("");
  await expect(page.getByTestId("bill-period")).toHaveValue("");
  await expect(list.getByRole("listitem").nth(1)).toBeVisible();

  // Back: the issue view, then the overview; Forward: the issue view again.
  await page.goBack();
  await expect(page).toHaveURL(/view=issue$/);
  await expect(page.getByTestId("issue-bill")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/[?&]tab=bills$/);
  await expect(page.getByTestId("billing-stats")).toBeVisible();
  await page.goForward();
  await expect(viewLink(page, "Issue")).toHaveAttribute("aria-current", "page");

  // The import view has the CSV import alone.
  await viewLink(page, "Import").click();
  await expect(page.getByLabel("CSV file")).toBeAttached();
  await expect(page.getByTestId("billing-stats")).toHaveCount(0);

  // A reload keeps the view, and the list's search and filters: they are in the address too.
  // (Back and Forward are checked before it: across a reload, Next's router can leave a view
  // behind the address; noted on issue 15.)
  await viewLink(page, "All bills").click();
  await expect(page).toHaveURL(/view=list$/);
  await page.getByTestId("bill-search").fill(tag.toLowerCase());
  await page.getByTestId("bill-status").selectOption({ label: "Unpaid" });
  await expect(page).toHaveURL(/[?&]status=unpaid/);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag.toLowerCase()}`));
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await page.reload();
  await expect(viewLink(page, "All bills")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("bill-search")).toHaveValue(tag.toLowerCase());
  await expect(page.getByTestId("bill-status")).toHaveValue("unpaid");
  await expect(page.getByTestId("building-bills").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("building-bills").getByRole("listitem")).toContainText(reference);
});

test("the Units tab shows who lives in each unit, pending requests, and what each owes, with a link to its bills", async ({ page }) => {
  await openBuilding(page, /Résidence Les Canuts/);
  // What the overview says Camille Martin's flat (A 302, one overdue bill in the demo data) owes…
  await page.getByTestId("tabs").getByRole("link", { name: "Bills" }).click();
  const showAll = page.getByRole("button", { name: /^Show all \d+ units$/ });
  await expect(page.getByTestId("arrears")).toBeVisible();
  if (await showAll.isVisible()) await showAll.click();
  const arrears = page.getByTestId("arrears").locator('[data-unit="A-302"]');
  await expect(arrears).toContainText("Camille Martin");
  await expect(arrears.getByTestId("arrears-since")).toContainText("late since");
  const owed = (await arrears.locator("td").nth(1).textContent())!.match(/€[\d,]+\.\d\d/)![0];

  // …is what the Units tab shows beside her name.
  await page.getByTestId("tabs").getByRole("link", { name: "Units" }).click();
  const row = page.getByTestId("units-A").locator('[data-unit="A-302"]');
  await expect(row.getByTestId("unit-people")).toHaveText("Camille Martin");
  await expect(row.getByTestId("unit-owed")).toContainText(owed);
  await expect(row.getByTestId("unit-owed")).toContainText("overdue");
  // A request waiting for approval is marked as such (Inès Petit's, in the demo data).
  await expect(page.getByTestId("units-B").locator('[data-unit="B-202"]').getByTestId("unit-pending")).toHaveText("Inès Petit · request pending");
  // Only names: no email address anywhere on the tab.
  await expect(page.locator("#panel-units")).not.toContainText("@");

  // The amount opens the list of that unit's bills.
  await row.getByTestId("unit-owed").getByRole("link").click();
  await expect(page).toHaveURL(/tab=bills&view=list&unit=/);
  await expect(page.getByTestId("bill-unit-filter")).toContainText("Staircase A · Door 302");
  const items = page.getByTestId("building-bills").getByRole("listitem");
  await expect(items.first()).toBeVisible();
  for (const text of await items.allTextContents()) expect(text).toContain("Staircase A · Door 302");
  await page.getByRole("button", { name: "Show every unit" }).click();
  await expect(page.getByTestId("bill-unit-filter")).toHaveCount(0);
  await expect(page).not.toHaveURL(/unit=/);
});
