// Building notices, the manager's side (issue 14): compose from the water-cut template, see
// how many it reaches before sending, publish, edit (the notice then shows "edited") with a
// PDF attached, withdraw another; and an urgent notice's report that moves live when a
// resident confirms it (through the API as that resident: the resident pages are another
// branch's).
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

async function openNotices(page: Page) {
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Buildings", exact: true }).click();
  await page.getByRole("link", { name: /Résidence Les Canuts/ }).click();
  await page.getByTestId("tabs").getByRole("link", { name: "Notices" }).click();
}

/** Writes a notice without a template and sends it; returns its id (from the page it lands on). */
async function quickNotice(page: Page, title: string, opts: { urgent?: boolean; staircase?: string } = {}) {
  await page.getByTestId("new-notice").click();
  const form = page.getByTestId("notice-form");
  if (opts.staircase) {
    await form.getByLabel("Some staircases").check();
    await form.getByLabel(`Staircase ${opts.staircase}`).check();
  }
  await form.getByLabel("Title").fill(title);
  await form.getByRole("textbox", { name: "Text", exact: true }).fill("Please read **this**.");
  if (opts.urgent) await form.getByLabel("Urgent", { exact: true }).check();
  await expect(form.getByTestId("notice-audience")).toHaveAttribute("data-residents", /\d+/);
  await form.getByRole("button", { name: "Review and send" }).click();
  await page.getByTestId("notice-send").click();
  await expect(page.getByTestId("notice-manage")).toBeVisible();
  return page.url().split("/").pop()!;
}

test("a manager composes from a template, sees the reach, publishes, edits with a PDF, withdraws another", async ({ page }) => {
  const tag = randomBytes(3).toString("hex");
  await signIn(page, DEMO.manager);
  await openNotices(page);
  await expect(page.getByTestId("manager-notices")).toBeVisible();
  await page.getByTestId("new-notice").click();
  await expect(page.getByRole("heading", { name: "New notice", level: 1 })).toBeVisible();

  const form = page.getByTestId("notice-form");
  await form.getByTestId("template-water").click();
  await expect(form.getByLabel("Title")).toHaveValue("Water cut on [day]");
  await expect(form.getByLabel("Category")).toHaveValue("water");
  await expect(form.getByRole("textbox", { name: "Text", exact: true })).toHaveValue(/The water will be \*\*cut on \[day\]/);

  // The whole building, then one staircase: the count follows.
  // (Other journeys may have brought neighbours in with the invite code: the counts are read, not assumed.)
  const audience = form.getByTestId("notice-audience");
  await expect(audience).toHaveAttribute("data-residents", /^\d+$/);
  const whole = { residents: Number(await audience.getAttribute("data-residents")), units: Number(await audience.getAttribute("data-units")) };
  expect(whole.residents).toBeGreaterThanOrEqual(3);
  const wholeText = `Reaches ${whole.residents} residents in ${whole.units} units.`;
  await expect(audience).toHaveText(wholeText);
  await form.getByLabel("Some staircases").check();
  await form.getByLabel("Staircase A").check();
  await expect(audience).not.toHaveText(wholeText);
  const stairA = Number(await audience.getAttribute("data-residents"));
  expect(stairA).toBeGreaterThanOrEqual(2);
  expect(stairA).toBeLessThan(whole.residents);
  await expect(audience).toHaveText(`Reaches ${stairA} residents in ${await audience.getAttribute("data-units")} units.`);
  await form.getByLabel("The whole building").check();
  await expect(audience).toHaveText(wholeText);

  // The preview is the server's rendering.
  await form.getByTestId("preview-toggle").click();
  await expect(form.getByTestId("notice-preview").locator("strong").first()).toHaveText(/cut on \[day\]/);
  await form.getByRole("button", { name: "Write" }).click();

  // An end before the start is refused in the form, nothing sent.
  const title = `Water cut ${tag}`;
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("From", { exact: true }).fill("2030-01-15T10:00");
  await form.getByLabel("Until", { exact: true }).fill("2030-01-15T08:00");
  await form.getByRole("button", { name: "Review and send" }).click();
  await expect(form.getByText("The end must come after the start.")).toBeVisible();
  await expect(form.getByLabel("Until", { exact: true })).toBeFocused();
  await form.getByLabel("Until", { exact: true }).fill("2030-01-15T12:00");
  await form.getByRole("button", { name: "Review and send" }).click();

  // The last step says whom it reaches.
  await expect(page.getByTestId("notice-confirm")).toContainText(`Send to ${whole.residents} residents in ${whole.units} units?`);
  await page.getByTestId("notice-send").click();
  const view = page.getByTestId("notice-manage");
  await expect(view.getByRole("heading", { name: title })).toBeVisible();
  await expect(view.getByTestId("notice-state")).toHaveText("Published");
  await expect(view.getByTestId("notice-body").locator("strong").first()).toContainText("cut on [day]");
  await expect(view.getByTestId("notice-edited")).toHaveCount(0);

  // Edit: targets are fixed now; a PDF is attached.
  await view.getByTestId("notice-edit").click();
  const edit = page.getByTestId("notice-form");
  await expect(edit.getByText("Published notices keep who they are for.", { exact: false })).toBeVisible();
  await edit.getByRole("textbox", { name: "Text", exact: true }).fill("The water will be **cut on Tuesday** from 8:00 to 12:00.");
  await edit.getByTestId("notice-file-input").setInputFiles({ name: "plan-des-travaux.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(edit.getByTestId("notice-file")).toHaveAttribute("data-name", "plan-des-travaux.pdf");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(view.getByTestId("notice-edited")).toHaveText("Edited");
  await expect(view.getByTestId("notice-body")).toContainText("cut on Tuesday");
  await expect(view.getByTestId("notice-attachments").getByRole("link", { name: "plan-des-travaux.pdf" })).toBeVisible();

  // Back on the tab: it is listed, edited.
  await page.getByRole("link", { name: "← Back to the notices" }).click();
  const row = page.locator(`[data-testid="manager-notice"][data-title="${title}"]`);
  await expect(row.getByTestId("notice-edited")).toBeVisible();
  await expect(row.getByTestId("reach-seen")).toHaveAttribute("data-total", String(whole.residents));

  // Another one, withdrawn.
  const other = `Bike room closed ${tag}`;
  await quickNotice(page, other);
  await page.getByRole("button", { name: "Withdraw" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("notice-state")).toHaveText("Withdrawn");
  await expect(page.getByTestId("notice-edit")).toHaveCount(0);
  await page.getByRole("link", { name: "← Back to the notices" }).click();
  await expect(page.locator(`[data-testid="manager-notice"][data-title="${other}"]`)).toHaveAttribute("data-state", "withdrawn");
});

test("an urgent notice's report updates live when a resident confirms it; one reminder", async ({ page, browser }) => {
  const tag = randomBytes(3).toString("hex");
  await signIn(page, DEMO.manager);
  await openNotices(page);
  const id = await quickNotice(page, `Lift stopped ${tag}`, { urgent: true, staircase: "A" });
  await waitLive(page);
  const report = page.getByTestId("notice-report");
  await expect(report.getByTestId("report-acknowledged")).toHaveAttribute("data-count", "0");
  await expect(report.getByTestId("units-not-reached")).toHaveAttribute("data-count", /^\d+$/);
  const notReached = Number(await report.getByTestId("units-not-reached").getAttribute("data-count"));
  expect(notReached).toBeGreaterThanOrEqual(2);
  await expect(report.locator('[data-testid="unit-not-reached"][data-door="302"]')).toBeVisible();

  // The resident of A 302 confirms, through the API with their own session.
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signIn(resident, DEMO.resident);
  const res = await resident.request.post("/api/trpc/notices.acknowledge", { data: { json: { id } } });
  expect(res.ok()).toBe(true);
  await residentCtx.close();

  // Live, no reload.
  await expect(report.getByTestId("report-acknowledged")).toHaveAttribute("data-count", "1");
  await expect(report.getByTestId("units-not-reached")).toHaveAttribute("data-count", String(notReached - 1));
  await expect(report.locator('[data-testid="unit-not-reached"][data-door="302"]')).toHaveCount(0);

  await report.getByTestId("remind-button").click();
  await expect(report.getByTestId("reminder-sent")).toContainText("Reminder sent");
  await expect(report.getByTestId("remind-button")).toHaveCount(0);
});
