import { expect, signIn, DEMO, test } from "../fixtures";

test.describe("French browser", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "accept-language": "fr-FR,fr;q=0.9" } });

  test("speaks French by default and switches to English", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();
    await signIn(page, DEMO.resident);
    await expect(page.getByRole("heading", { name: "Bonjour Camille Martin" })).toBeVisible();
    await expect(page.getByText("Escalier A · Porte 302 · étage 3")).toBeVisible();
    await page.getByRole("button", { name: /EN/ }).first().click();
    await expect(page.getByRole("heading", { name: "Hello Camille Martin" })).toBeVisible();
    await expect(page.getByText("Staircase A · Door 302 · floor 3")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test.describe("English browser", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "accept-language": "en-GB,en;q=0.9" } });
  test("speaks English", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});
