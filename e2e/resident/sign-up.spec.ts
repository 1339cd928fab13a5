import { DEMO, expect, signIn, signUp, test, uniqueEmail } from "../fixtures";

test.use({ locale: "en-GB" });

test("a newcomer signs up, sees the resident navigation, signs out and back in", async ({ page }) => {
  await page.goto("/sign-up");
  // Bad input first: clear messages, nothing sent.
  await page.getByLabel("Display name").fill("Nadia");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);

  const email = uniqueEmail("nadia");
  await signUp(page, { name: "Nadia Haddad", email, password: "nadia-password" });
  await expect(page.getByRole("heading", { name: "Hello Nadia Haddad" })).toBeVisible();
  await expect(page.getByText("You are not linked to a building yet")).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Account" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Buildings" })).toHaveCount(0);

  await nav.getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Let the sign-in page hydrate before typing, or React may reset what was typed.
  await page.waitForLoadState("networkidle");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await signIn(page, email, "nadia-password");
});

test("signing up with a taken email reveals nothing more than a failed sign-in", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Impostor");
  await page.getByLabel("Email").fill(DEMO.resident);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("We could not sign you in with these details. If you already have an account, sign in instead.")).toBeVisible();
});

test("too many failed sign-ins are refused with the wait time", async ({ page }) => {
  const email = uniqueEmail("locked");
  await page.goto("/sign-in");
  for (let i = 0; i < 8; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many attempts\. Try again in \d+ s\./)).toBeVisible();
});

test("a resident changes their password", async ({ page }) => {
  const email = uniqueEmail("pw");
  await signUp(page, { name: "Paul", email, password: "first-password" });
  await page.goto("/account");
  await page.getByLabel("Current password").fill("nope-nope-nope");
  await page.getByLabel("New password", { exact: true }).fill("second-password");
  await page.getByLabel("Repeat the new password").fill("second-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is incorrect.")).toBeVisible();
  await page.getByLabel("Current password").fill("first-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email, "second-password");
});
