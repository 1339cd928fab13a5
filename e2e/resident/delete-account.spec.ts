// Deleting one's account: the password is asked (a wrong one changes nothing), then every
// session ends (this browser lands on the page that says when it will be erased; the
// person's other browser is signed out at once), and signing in again cancels it. Someone
// with money in the wallet is told to empty it first, and cannot ask.
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test("a person asks to delete their account, is signed out everywhere, and cancels by signing in", async ({ browser }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("delete");
  const password = "my-own-password";
  const here = await (await browser.newContext()).newPage();
  await signUp(here, { name: "Inès Martin", email, password });
  // The same person on another device.
  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto("/sign-in");
  await elsewhere.getByLabel("Email").fill(email);
  await elsewhere.getByLabel("Password").fill(password);
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere).toHaveURL(/\/home$/);
  await elsewhere.goto("/wallet");
  await waitLive(elsewhere);

  await here.goto("/account");
  const section = here.locator("section", { has: here.getByRole("heading", { name: "Delete my account" }) });
  // The form appears once the page has asked the server what blocks the deletion: it is live.
  await expect(section.getByLabel("Your password")).toBeVisible({ timeout: 15_000 });
  await expect(section.getByText("What is erased")).toBeVisible();
  await expect(section.getByRole("link", { name: "Download my data" })).toHaveAttribute("href", "#data");
  await section.getByLabel("Your password").fill("not-my-password");
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByText("This password is incorrect. Nothing was changed.")).toBeVisible();
  await expect(here).toHaveURL(/\/account$/);

  await section.getByLabel("Your password").fill(password);
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(here).toHaveURL(/\/account-deleted\?on=\d{4}-\d{2}-\d{2}$/);
  await expect(here.getByRole("heading", { name: "Your account will be deleted" })).toBeVisible();
  await expect(here.getByTestId("erase-on")).toContainText("It will be erased on");
  await expect(here.getByText("signing in before then cancels the deletion", { exact: false })).toBeVisible();
  // Signed out here, and the other browser is taken to sign in without doing anything.
  await expect(elsewhere).toHaveURL(/\/sign-in\?callbackUrl=%2Fwallet$/, { timeout: 15_000 });
  await here.goto("/home");
  await expect(here).toHaveURL(/\/sign-in/);

  // Signing in during the grace period cancels the deletion, and says so.
  await here.getByLabel("Email").fill(email);
  await here.getByLabel("Password").fill(password);
  await here.getByRole("button", { name: "Sign in" }).click();
  await expect(here.getByText("Your account’s deletion was cancelled", { exact: false })).toBeVisible();
  await expect(here).toHaveURL(/\/home$/);
  await here.goto("/account");
  await expect(here.getByLabel("Your password")).toBeVisible();
});

test("someone with money in the wallet is told to empty it first, and cannot ask", async ({ page }) => {
  await signIn(page, DEMO.resident);
  await page.goto("/account");
  const blockers = page.getByTestId("deletion-blockers");
  await expect(blockers).toContainText("Your wallet still holds €");
  await expect(blockers).toContainText("ask your building manager");
  await expect(blockers.getByRole("link", { name: "My wallet" })).toHaveAttribute("href", "/wallet");
  await expect(page.getByRole("button", { name: "Delete my account" })).toHaveCount(0);
});
