import { DEMO, expect, signIn, test } from "../fixtures";
import type { Page } from "@playwright/test";

test.use({ locale: "en-GB" });

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name, exact: true }).click();

test("the demo resident filters the wallet history and opens a receipt", async ({ page }) => {
  await signIn(page, DEMO.resident);
  await nav(page, "Wallet");
  const movements = page.getByTestId("movements");
  const rows = movements.getByRole("listitem");
  // A year of history: top-ups and bill payments.
  await expect(movements.getByText("Bill payment", { exact: true }).first()).toBeVisible();
  await expect(movements.getByText("Top-up", { exact: true }).first()).toBeVisible();

  // Only top-ups.
  await page.getByLabel("Kind").selectOption({ label: "Top-up" });
  await expect(movements.getByText("Bill payment", { exact: true })).toHaveCount(0);
  await expect(async () => {
    const all = await rows.count();
    expect(all).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: /^Top-up/ }).count()).toBe(all);
    expect(await rows.filter({ hasText: "Test payment" }).count()).toBe(all);
  }).toPass();

  // A date range without movements.
  await page.getByLabel("From").fill("2001-01-01");
  await page.getByLabel("To").fill("2001-12-31");
  await expect(page.getByText("No movement matches these filters.")).toBeVisible();
  await expect(movements).toHaveCount(0);

  // Clearing the filters brings everything back.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Kind")).toHaveValue("");
  await expect(page.getByLabel("From")).toHaveValue("");
  await expect(page.getByText("No movement matches these filters.")).toHaveCount(0);
  await expect(movements.getByText("Bill payment", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Clear filters" })).toHaveCount(0);

  // Opening a top-up shows its receipt, with the same amount.
  await page.getByLabel("Kind").selectOption({ label: "Top-up" });
  await expect(movements.getByText("Bill payment", { exact: true })).toHaveCount(0);
  const first = rows.first();
  const amount = (await first.locator(".amount").textContent())!.trim();
  expect(amount).toMatch(/^\+€\d/);
  await first.getByRole("link").click();
  await expect(page).toHaveURL(/\/wallet\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(page.getByTestId("receipt-amount")).toHaveText(amount);
  await expect(page.getByTestId("receipt-number")).toHaveText(/^No\. \S+/);
  const facts = page.locator(".receipt-facts");
  await expect(facts).toContainText("Top-up");
  await expect(facts).toContainText("Camille Martin");
  await expect(facts).toContainText("Test payment (no real money)");
});

test("the demo resident is told about the overdue bill; marking all as read clears the bell", async ({ page }) => {
  await signIn(page, DEMO.resident);
  const bell = page.getByTestId("notification-bell");
  const count = page.getByTestId("notification-count");
  // The reminder job runs about a second after the server starts: wait for its notice.
  await expect(async () => {
    await page.reload();
    await expect(count).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const unread = Number(await count.textContent());
  expect(unread).toBeGreaterThan(0);
  await expect(bell).toHaveAttribute("aria-label", `Notifications, ${unread} unread`);

  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const list = page.getByTestId("notifications");
  await expect(list.getByText(/^Water bill W-\d{4}-\d{2}-A302 of €\d+\.\d{2} is overdue since .*\d{4}\.$/).first()).toBeVisible();
  await expect(list.getByText("Unread", { exact: true })).toHaveCount(unread);

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(count).toHaveCount(0);
  await expect(bell).toHaveAttribute("aria-label", "Notifications");
  await expect(list.getByText("Unread", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  // Still read after a reload.
  await page.reload();
  await expect(page.getByTestId("notifications")).toBeVisible();
  await expect(count).toHaveCount(0);
});
