// The urgent notice journey of issue 14, every side in its own browser: the manager posts an
// urgent notice to staircase A of Les Canuts from the form; the two residents of that
// staircase, already on their pages, see the banner arrive live; a resident of staircase B
// never does; one acknowledges from the banner; the manager's report, open meanwhile, moves
// live and names the other unit as the one to knock at.
import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import { DEMO, expect, signIn, test, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

async function open(browser: Browser, email: string, path: string) {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signIn(page, email);
  await page.goto(path);
  await waitLive(page);
  return { ctx, page };
}

test("an urgent notice reaches its staircase live, one resident acknowledges, the report shows the other unit", async ({ browser }) => {
  // Four people signed in, each in a browser of their own: more than the default 45 s on a busy 2-core machine.
  test.setTimeout(120_000);
  const title = `Lift stopped ${randomBytes(3).toString("hex")}`;
  const camille = await open(browser, DEMO.resident, "/home"); // Canuts A 302
  const claire = await open(browser, "claire.dubois@quartier.test", "/bills"); // Canuts A 101
  const hugo = await open(browser, "hugo.bernard@quartier.test", "/home"); // Canuts B 501
  const banner = (p: typeof camille) => p.page.locator('[data-testid="urgent-banner"]', { hasText: title });

  const manager = await open(browser, DEMO.manager, "/buildings");
  await manager.page.getByRole("link", { name: /Résidence Les Canuts/ }).click();
  await manager.page.getByTestId("tabs").getByRole("link", { name: "Notices" }).click();
  await manager.page.getByTestId("new-notice").click();
  const form = manager.page.getByTestId("notice-form");
  await form.getByTestId("template-lift").click();
  await form.getByLabel("Some staircases").check();
  await form.getByLabel("Staircase A").check();
  // Staircase A: Camille and Claire (and whoever another journey may have brought in there).
  const audience = form.getByTestId("notice-audience");
  await expect(audience).toHaveText(/^Reaches \d+ residents in \d+ units\.$/);
  const reach = { residents: await audience.getAttribute("data-residents"), units: await audience.getAttribute("data-units") };
  expect(Number(reach.residents)).toBeGreaterThanOrEqual(2);
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Urgent", { exact: true }).check();
  await form.getByRole("button", { name: "Review and send" }).click();
  await expect(manager.page.getByTestId("notice-confirm")).toContainText(`Send to ${reach.residents} residents in ${reach.units} units?`);
  await manager.page.getByTestId("notice-send").click();
  const report = manager.page.getByTestId("notice-report");
  await expect(report.getByTestId("report-acknowledged")).toHaveAttribute("data-count", "0");
  await waitLive(manager.page);

  // Live on both residents' pages of staircase A, without a reload; not on staircase B.
  await expect(banner(camille)).toBeVisible();
  await expect(banner(claire)).toBeVisible();
  await expect(hugo.page.locator('[data-testid="urgent-banner"]', { hasText: title })).toHaveCount(0);
  await hugo.page.reload();
  await expect(hugo.page.locator('[data-testid="urgent-banner"]', { hasText: title })).toHaveCount(0);

  // Camille acknowledges from the banner; it goes, and stays gone after a reload.
  await banner(camille).getByRole("button", { name: "I have read this" }).click();
  await expect(banner(camille)).toHaveCount(0);
  await camille.page.reload();
  await expect(banner(camille)).toHaveCount(0);

  // The manager's report followed live: one confirmed, Claire's flat (A 101) left to knock at.
  await expect(report.getByTestId("report-acknowledged")).toHaveAttribute("data-count", "1");
  await expect(report.getByTestId("units-not-reached")).toHaveAttribute("data-count", String(Number(reach.units) - 1));
  await expect(report.locator('[data-testid="unit-not-reached"][data-door="101"]')).toBeVisible();
  await expect(report.locator('[data-testid="unit-not-reached"][data-door="302"]')).toHaveCount(0);
  // Claire still has it.
  await expect(banner(claire)).toBeVisible();

  for (const p of [camille, claire, hugo, manager]) await p.ctx.close();
});
