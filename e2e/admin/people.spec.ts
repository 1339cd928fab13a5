// People (issue 16): an admin finds a person, grants them the merchant role, suspends them
// with a reason (their open browser is signed out at once and signing in is refused with its
// own message), restores them, and the audit log shows the three acts.
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test("an admin grants a role, suspends and restores a person; the audit log shows it", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("people");
  const name = `Noé Carpentier ${email.slice(7, 13)}`;
  const person = await (await browser.newContext()).newPage();
  await signUp(person, { name, email, password: "a-good-password" });
  await person.goto("/wallet");
  await waitLive(person);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/admin/people");
  await waitLive(admin);
  await admin.getByLabel("Name or email").fill(email.toUpperCase());
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/\?q=/);
  await admin.getByTestId("person").filter({ hasText: email }).getByRole("link", { name }).click();
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(admin.getByTestId("person-state")).toHaveText("Active");

  // Grant merchant.
  const merchant = admin.getByTestId("role").and(admin.locator('[data-role="merchant"]'));
  await merchant.getByRole("button", { name: "Grant Merchant" }).click();
  await expect(admin.getByText("Role granted.")).toBeVisible();
  await expect(merchant).toHaveAttribute("data-has", "true");

  // Suspend, with a reason: their browser is taken to sign in without doing anything.
  await admin.getByTestId("suspend-person").click();
  const dialog = admin.getByRole("dialog", { name: `Suspend ${name}` });
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(dialog.getByText("Give a reason (at least 3 characters).")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Insults in the chat, three reports");
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(admin.getByText("Account suspended.")).toBeVisible();
  await expect(admin.getByTestId("person-state")).toHaveText("Suspended");
  await expect(admin.getByTestId("suspension-reason")).toHaveText("Reason: Insults in the chat, three reports");
  await expect(person).toHaveURL(/\/sign-in\?callbackUrl=%2Fwallet$/, { timeout: 15_000 });
  await person.getByLabel("Email").fill(email);
  await person.getByLabel("Password").fill("a-good-password");
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(person.getByText("This account is suspended. Contact the Quartier team.")).toBeVisible();
  await expect(person).toHaveURL(/\/sign-in/);

  // Restore: they can sign in again.
  await admin.getByTestId("restore-person").click();
  const restore = admin.getByRole("dialog", { name: `Restore ${name}` });
  await restore.getByLabel(/^Note/).fill("Apologised to the shop");
  await restore.getByRole("button", { name: "Restore" }).click();
  await expect(admin.getByText("Account restored.")).toBeVisible();
  await expect(admin.getByTestId("person-state")).toHaveText("Active");
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(person).toHaveURL(/\/wallet$/);

  // The audit log, for this person: newest first, who did what and why.
  await admin.getByRole("link", { name: "What was done to or by them" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const entries = admin.getByTestId("audit-entry");
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toHaveAttribute("data-action", "user.restore");
  await expect(entries.nth(0)).toContainText(`Équipe Quartier restored ${name}`);
  await expect(entries.nth(1)).toHaveAttribute("data-action", "user.suspend");
  await expect(entries.nth(1)).toContainText("Reason: Insults in the chat, three reports");
  await expect(entries.nth(2)).toContainText(`Équipe Quartier granted Merchant to ${name}`);
  await Promise.all([person.context().close(), admin.context().close()]);
});
