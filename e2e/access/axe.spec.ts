// Every page of every role passes axe with no serious or critical violation (issue 15): the
// same pages as the page-weight bench (scripts/lib/pages.ts), one browser context per role,
// pages one after the other. Desktop width, and the phone's tab bar and "More" at 390 px.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ROLE_PAGES, resolvePath } from "../../scripts/lib/pages";
import { expect, signIn, test } from "../fixtures";

test.use({ locale: "en-GB" });

type TFinding = { page: string; rule: string; impact: string; help: string; targets: string[] };

/** Serious and critical axe violations of the page as it stands once its data is in. */
async function audit(page: Page, label: string): Promise<TFinding[]> {
  await page.waitForLoadState("networkidle", { timeout: 8_000 }).catch(() => undefined);
  await expect(page.locator(".loading")).toHaveCount(0, { timeout: 10_000 });
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ page: label, rule: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

for (const { role, email, pages } of ROLE_PAGES) {
  test(`axe: no serious violation on the ${role} pages`, async ({ page }) => {
    test.setTimeout(60_000 + pages.length * 15_000);
    if (email) await signIn(page, email);
    const findings: TFinding[] = [];
    for (const { name, path: spec } of pages) {
      const path = await resolvePath(page, "", spec);
      await page.goto(path);
      findings.push(...(await audit(page, `${name} (${path})`)));
    }
    if (email) {
      // The phone's tab bar and, when there is one, its "More".
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/home");
      findings.push(...(await audit(page, "home at 390 px")));
      await page.goto("/more");
      findings.push(...(await audit(page, "more at 390 px")));
    }
    expect(findings).toEqual([]);
  });
}
