// Changing the password ends every other session at once: the other browser's live
// connection is cut and it is taken to sign in; this browser stays signed in.
import { expect, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test("a password change signs out the person's other browser at once", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("sessions");
  const here = await (await browser.newContext()).newPage();
  await signUp(here, { name: "Inès Martin", email, password: "first-password" });
  // The same person on another device.
  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto("/sign-in");
  await elsewhere.getByLabel("Email").fill(email);
  await elsewhere.getByLabel("Password").fill("first-password");
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere).toHaveURL(/\/home$/);
  await elsewhere.goto("/wallet");
  await waitLive(elsewhere);

  await here.goto("/account");
  await here.getByLabel("Current password").fill("first-password");
  await here.getByLabel("New password", { exact: true }).fill("second-password");
  await here.getByLabel("Repeat the new password").fill("second-password");
  await here.getByRole("button", { name: "Change password" }).click();
  await expect(here.getByText("Your password has been changed", { exact: false })).toBeVisible();

  // The other browser is taken to sign in without doing anything, back to where it was after.
  await expect(elsewhere).toHaveURL(/\/sign-in\?callbackUrl=%2Fwallet$/, { timeout: 15_000 });
  await elsewhere.goto("/home");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  // This one goes on.
  await here.goto("/wallet");
  await expect(here).toHaveURL(/\/wallet$/);
  await waitLive(here);
});
