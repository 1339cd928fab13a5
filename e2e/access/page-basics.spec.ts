// What every page owes its reader (issue 15): English dates in the deployment's region
// (en-GB: "15 Dec 2026, 20:25", never "Dec 15, 2026, 8:25 PM"), French ones in French, a title
// that names the page, a "skip to content" link first in the tab order, and password fields
// whose "show" link never sits on the field's label or input on a phone.
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "../fixtures";

const speak = (page: Page, locale: "en" | "fr") =>
  page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url().startsWith("http") ? page.url() : "http://localhost" }]);

async function inLanguage(page: Page, locale: "en" | "fr") {
  await page.goto("/sign-in");
  await speak(page, locale);
}

const EN_DATE_TIME = /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, ([01]\d|2[0-3]):[0-5]\d\b/;
const FR_DATE_TIME = /\b\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}(,| à) ([01]\d|2[0-3]):[0-5]\d\b/;

test("English reads dates day first and the time on a 24-hour clock; French reads French", async ({ page }) => {
  await inLanguage(page, "en");
  await signIn(page, DEMO.resident);
  await page.goto("/wallet");
  const movements = page.getByTestId("movements");
  await expect(movements).toContainText(EN_DATE_TIME);
  await expect(movements).not.toContainText(/\b(AM|PM)\b/);
  await expect(movements).not.toContainText(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2},/);
  // Money stays "€12.50" in English…
  await expect(page.getByTestId("wallet-balance")).toContainText(/€\d[\d,]*\.\d{2}/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await speak(page, "fr");
  await page.reload();
  await expect(movements).toContainText(FR_DATE_TIME);
  // … and "12,50 €" in French.
  await expect(page.getByTestId("wallet-balance")).toContainText(/\d,\d{2}\s€/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});

test("a shop page's title names the shop; a missing one gets a generic title", async ({ page }) => {
  await inLanguage(page, "en");
  await signIn(page, DEMO.resident);
  await page.goto("/shops");
  await page.getByRole("link", { name: /Primeur de la Croix-Rousse/ }).first().click();
  await expect(page.getByRole("heading", { name: "Primeur de la Croix-Rousse" })).toBeVisible();
  await expect(page).toHaveTitle("Primeur de la Croix-Rousse · Quartier");

  await page.goto("/shops/cl00000000000000000000000");
  await expect(page).toHaveTitle("Shops · Quartier");
});

test("the first Tab reaches 'Skip to content', and Enter moves focus to the main content", async ({ page }) => {
  await inLanguage(page, "en");
  await signIn(page, DEMO.resident);
  await page.goto("/home");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab goes on inside the page, not back to the navigation.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});

test("at 390 px the password fields and their 'show' links do not overlap", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await inLanguage(page, "fr"); // the longer labels
  const boxesApart = async () => {
    const fields = page.locator(".password-field");
    const n = await fields.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const field = fields.nth(i);
      const show = field.getByRole("button");
      for (const other of [field.locator("input"), field.locator("label")]) {
        const [a, b] = [await show.boundingBox(), await other.boundingBox()];
        expect(a && b).toBeTruthy();
        const overlap = a!.x < b!.x + b!.width && b!.x < a!.x + a!.width && a!.y < b!.y + b!.height && b!.y < a!.y + a!.height;
        expect(overlap, `field ${i}: the show link overlaps its ${await other.evaluate((e) => e.tagName)}`).toBe(false);
      }
    }
  };
  await page.goto("/sign-up");
  await boxesApart();
  await page.goto("/sign-in");
  await boxesApart();
  await signIn(page, DEMO.resident);
  await page.goto("/account");
  await expect(page.locator(".password-field")).toHaveCount(3);
  await boxesApart();
  await speak(page, "en");
  await page.reload();
  await boxesApart();
});
