import { DEMO, expect, signIn, signUp, test, uniqueEmail } from "../fixtures";

test.use({ locale: "en-GB" });

test("a manager creates a single-use code; a newcomer joins with it; it cannot be reused", async ({ browser }) => {
  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager);
  await manager.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Buildings" }).click();
  await manager.getByRole("link", { name: /Tour Belvédère/ }).click();
  await manager.getByTestId("tabs").getByRole("link", { name: "Invite codes" }).click();
  await manager.getByLabel("For unit").selectOption({ label: "Door 902 · floor 9" });
  await manager.getByRole("button", { name: "Create code" }).click();
  const toast = manager.getByText(/^Code [A-Z2-9]{4}-[A-Z2-9]{4} created/);
  await expect(toast).toBeVisible();
  const code = (await toast.textContent())!.match(/[A-Z2-9]{4}-[A-Z2-9]{4}/)![0];
  await expect(manager.getByTestId("invites").getByText(code)).toBeVisible();

  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signUp(resident, { name: "Yasmine Faure", email: uniqueEmail("yasmine") });
  await resident.getByLabel("Invite code").fill("bad");
  await resident.getByRole("button", { name: "Join", exact: true }).click();
  await expect(resident.getByText("A code has 8 letters and digits, like ABCD-2345.")).toBeVisible();
  await resident.getByLabel("Invite code").fill(code.toLowerCase());
  await resident.getByRole("button", { name: "Join", exact: true }).click();
  await expect(resident.getByText("Welcome to Tour Belvédère!")).toBeVisible();
  const homes = resident.getByTestId("my-homes");
  await expect(homes.getByText("Tour Belvédère")).toBeVisible();
  await expect(homes.getByText("Door 902 · floor 9")).toBeVisible();
  await expect(homes.getByText("Resident", { exact: true })).toBeVisible();

  // The manager's residents list shows the newcomer (live: no reload).
  await manager.getByTestId("tabs").getByRole("link", { name: "Residents" }).click();
  await expect(manager.getByTestId("members").getByText("Yasmine Faure")).toBeVisible();

  // A second person cannot use the same single-use code.
  const otherCtx = await browser.newContext({ locale: "en-GB" });
  const other = await otherCtx.newPage();
  await signUp(other, { name: "Second Person", email: uniqueEmail("second") });
  await other.getByLabel("Invite code").fill(code);
  await other.getByRole("button", { name: "Join", exact: true }).click();
  await expect(other.getByText("This code is not valid or has expired.", { exact: false })).toBeVisible();
  await expect(other.getByText("You are not linked to a building yet")).toBeVisible();
  await Promise.all([managerCtx.close(), residentCtx.close(), otherCtx.close()]);
});
