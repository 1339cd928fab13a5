// Common-area repairs (issue 13): the manager opens a request for a staircase of Les Canuts;
// a resident of that staircase, already on the page, sees it arrive live and says "me too";
// the count moves on both sides, and the manager's "done" reaches the resident live too.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name, exact: true }).click();

test("a manager opens a common repair; a resident of the staircase sees it live, says me too, and sees it done", async ({ browser }) => {
  const title = `Lift stuck ${randomBytes(3).toString("hex")}`;

  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signIn(resident, DEMO.resident);
  await resident.goto("/repairs");
  await resident.getByRole("link", { name: /common areas/ }).click();
  await expect(resident.getByRole("heading", { name: "Common-area repairs" })).toBeVisible();
  await waitLive(resident);
  const mine = resident.locator(`[data-testid="common-repair"][data-title="${title}"]`);
  await expect(mine).toHaveCount(0);

  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager);
  await nav(manager, "Buildings");
  await manager.getByRole("link", { name: /Résidence Les Canuts/ }).click();
  await manager.getByTestId("tabs").getByRole("link", { name: "Common repairs" }).click();
  await waitLive(manager);
  const form = manager.getByTestId("open-common-repair");
  // Too short a title is refused in the form, nothing sent.
  await form.getByLabel("What is wrong?").fill("x");
  await form.getByRole("button", { name: "Open the request" }).click();
  await expect(form.getByText("Say in a few words what is wrong.")).toBeVisible();
  await form.getByLabel("What is wrong?").fill(title);
  await form.getByLabel("Area").selectOption({ label: "Lift" });
  await form.getByLabel("Where").selectOption({ label: "Staircase A" });
  await form.getByLabel(/Details/).fill("Stuck between floors 2 and 3.");
  await form.getByRole("button", { name: "Open the request" }).click();
  await expect(manager.getByText("Repair request opened; residents have been told.")).toBeVisible();
  const managed = manager.locator(`[data-testid="manager-common-repair"][data-title="${title}"]`);
  await expect(managed.getByTestId("supporters")).toHaveAttribute("data-count", "0");

  // Live on the resident's page, without a reload.
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId("status")).toHaveText("Reported");
  await expect(mine.getByText("Staircase A")).toBeVisible();
  await mine.getByRole("button", { name: "Me too" }).click();
  await expect(mine.getByTestId("me-too")).toHaveAttribute("aria-pressed", "true");
  await expect(mine.getByTestId("supporters")).toHaveText("1 neighbour affected");

  // The manager's count follows live.
  await expect(managed.getByTestId("supporters")).toHaveAttribute("data-count", "1");
  await managed.getByLabel("Update for residents").fill("New motor fitted.");
  await managed.getByRole("button", { name: "Mark as done" }).click();
  await expect(managed.getByTestId("status")).toHaveText("Done");

  await expect(mine.getByTestId("status")).toHaveText("Done");
  await expect(mine.getByText("New motor fitted.")).toBeVisible();
  await expect(mine.getByTestId("me-too")).toHaveCount(0);

  await residentCtx.close();
  await managerCtx.close();
});
