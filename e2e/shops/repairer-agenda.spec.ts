// The repairer's side of repair booking (issue 13): the demo plumber answers a waiting
// request, finds the job in the agenda and on its own page, proposes another time, opens the
// chat about it, and changes a setting.
import { expect, signIn, test, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

const PLUMBER = "plumber@quartier.test";

test("the plumber confirms a waiting request, sees it in the agenda and on its page, proposes another time, opens the chat, and edits a setting", async ({ page }) => {
  await signIn(page, PLUMBER);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My shop" }).click();
  await expect(page.getByRole("heading", { name: "Plomberie Fontaine" })).toBeVisible();
  await waitLive(page);
  // A repairer has no catalogue, QR or order board.
  await expect(page.getByTestId("tabs").getByRole("link")).toHaveText([/^Requests\d*$/, "Agenda", "Settings", "Details"]);

  // Requests, oldest first: the first one that can be confirmed in one tap.
  const request = page.getByTestId("repair-request").filter({ has: page.getByTestId("confirm-request") }).first();
  await expect(request).toBeVisible();
  await expect(request).toContainText(/requested .* ago/);
  const id = await request.getAttribute("data-id");
  expect(id).toBeTruthy();
  await request.getByTestId("confirm-request").click();
  await expect(page.getByText("Booking confirmed.")).toBeVisible();
  await expect(page.locator(`[data-testid="repair-request"][data-id="${id}"] [data-testid="confirm-request"]`)).toHaveCount(0);

  // The agenda shows it, confirmed, in the week it falls in (the seed puts it within days).
  await page.getByTestId("tabs").getByRole("link", { name: "Agenda" }).click();
  const item = page.locator(`[data-testid="agenda-item"][data-id="${id}"]`);
  await expect(page.getByTestId("agenda").getByRole("status")).toHaveCount(0);
  for (let i = 0; i < 4 && !(await item.isVisible()); i++) {
    const title = await page.getByTestId("agenda-title").textContent();
    await page.getByRole("button", { name: "Next week" }).click();
    await expect(page.getByTestId("agenda-title")).not.toHaveText(title ?? "");
    await expect(page.getByTestId("agenda").getByRole("status")).toHaveCount(0);
  }
  await expect(item).toHaveAttribute("data-status", "confirmed");

  // Its page: everything about the job, and the moves a confirmed job allows.
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/shop/repairs/${id}$`));
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await expect(page.getByRole("button", { name: "Propose another time" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Message the resident" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm" })).toHaveCount(0);

  // Another time, picked from the plumber's free times: it waits for the resident's answer.
  await page.getByRole("button", { name: "Propose another time" }).click();
  await page.getByTestId("propose-form").locator(".slot-grid button").first().click();
  await expect(page.getByText("New time proposed to the resident.")).toBeVisible();
  await expect(page.getByTestId("proposal-pending")).toBeVisible();

  // The conversation about this job.
  await page.getByRole("button", { name: "Message the resident" }).click();
  await expect(page).toHaveURL(/\/messages\/[^/]+$/);

  // Settings: a wrong length is refused with its reason, then a new cut-off is saved and kept.
  await page.goto("/shop");
  await page.getByTestId("tabs").getByRole("link", { name: "Settings" }).click();
  const form = page.getByTestId("repair-settings");
  await form.getByLabel("Usual length (min)").first().fill("50");
  await form.getByTestId("save-settings").click();
  await expect(form.getByText("A length must be a multiple of the slot step.")).toBeVisible();
  // Focus goes to the refused field (react-hook-form's shouldFocusError), not left on the button.
  await expect(form.getByLabel("Usual length (min)").first()).toBeFocused();
  await form.getByLabel("Usual length (min)").first().fill("60");
  await form.getByLabel("Free cancellation until (min before)").fill("180");
  await form.getByTestId("save-settings").click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await page.getByTestId("tabs").getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("Free cancellation until (min before)")).toHaveValue("180");
  // Put it back for the other journeys.
  await page.getByLabel("Free cancellation until (min before)").fill("120");
  await page.getByTestId("save-settings").click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
});
