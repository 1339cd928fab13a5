// The front door (issue 15): the landing page, the demo line, destinations kept through
// sign-in and sign-up (and refused when they lead off the site), the 404 page.
import { DEMO, DEMO_PASSWORD, expect, signIn, test, uniqueEmail } from "../fixtures";
import { trpcQuery } from "../fixtures/notices";
import type { Page } from "@playwright/test";

async function fillSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  // Let the page hydrate before typing, or React may reset what was typed.
  await page.waitForLoadState("networkidle");
  await page.getByLabel(/^(Email|E-mail)$/).fill(email);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Se connecter)$/ }).click();
}

test.describe("English visitor", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "accept-language": "en-GB,en;q=0.9" } });

  test("the landing page says what Quartier is, with sign-in and sign-up", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your building and your neighbourhood, in one app" })).toBeVisible();
    await expect(page.getByText("Self-hosted: your data stays with your neighbourhood's server.")).toBeVisible();
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: "Sign in" }).first()).toHaveAttribute("href", "/sign-in");
    await main.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/sign-up$/);
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  });

  test("the sign-in page shows the demo account on the demo data", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByText("Demo: resident@quartier.test / quartier-demo")).toBeVisible();
  });

  test("a signed-out deep link comes back after signing in", async ({ page, browser }) => {
    // The resident's first notice, found through the API in another (signed-in) context.
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const resident = await other.newPage();
    await signIn(resident, DEMO.resident);
    const notices = await trpcQuery<{ id: string; title: string }[]>(resident.request, "notices.list");
    await other.close();
    expect(notices.length).toBeGreaterThan(0);
    const notice = notices[0]!;

    await page.goto(`/notices/${notice.id}`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=%2Fnotices%2F${notice.id}$`));
    await fillSignIn(page, DEMO.resident);
    await expect(page).toHaveURL(new RegExp(`/notices/${notice.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: notice.title })).toBeVisible();
  });

  test("a newcomer who follows a link signs up and lands on it", async ({ page }) => {
    await page.goto("/bills");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fbills$/);
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2Fbills$/);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Display name").fill("Rosa Lenoir");
    await page.getByLabel("Email").fill(uniqueEmail("rosa"));
    await page.getByLabel("Password").fill("rosa-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/bills$/);
  });

  test("a destination off the site is refused: home instead", async ({ page }) => {
    await page.goto("/sign-in?callbackUrl=//evil.example");
    await fillSignIn(page, DEMO.resident);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/home$/);
  });

  test("a missing page says so, with a way back", async ({ page }) => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await page.getByRole("link", { name: "Back to the front page" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your building and your neighbourhood, in one app" })).toBeVisible();
  });
});

test.describe("French visitor", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "accept-language": "fr-FR,fr;q=0.9" } });

  test("the landing page speaks French and switches to English", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Votre immeuble et votre quartier, dans une seule appli" })).toBeVisible();
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: "Se connecter" }).first()).toHaveAttribute("href", "/sign-in");
    await expect(main.getByRole("link", { name: "Créer un compte" })).toHaveAttribute("href", "/sign-up");
    await page.getByRole("button", { name: /EN/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your building and your neighbourhood, in one app" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("signed in, the front page leads home and a missing page back to it", async ({ page }) => {
    await signIn(page, DEMO.resident);
    await page.goto("/");
    await expect(page).toHaveURL(/\/home$/);
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
    await page.getByRole("link", { name: "Retour à l'accueil" }).click();
    await expect(page).toHaveURL(/\/home$/);
  });
});
