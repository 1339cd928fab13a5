// The phone's tab bar (issue 15): at most five items whose labels read on one line at 12 px or
// more, in French (the longer labels) as in English; what does not fit is under "More"; "My
// orders" can be reached from the navigation on a phone and on a wide screen; managers and
// admins have no wallet in their navigation, residents and merchants do.
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "../fixtures";

test.use({ locale: "en-GB" });

const nav = (page: Page) => page.getByRole("navigation", { name: /^(Main navigation|Navigation principale)$/ });

/** The visible items of the tab bar, each with its label's size and whether the label fits. */
async function tabBar(page: Page) {
  return nav(page)
    .locator("li")
    .evaluateAll((items) =>
      items
        .filter((li) => (li as HTMLElement).offsetParent !== null)
        .map((li) => {
          const labels = [...li.querySelectorAll<HTMLElement>(".nav-label")].filter((l) => l.offsetParent !== null);
          const label = labels[0]!;
          const style = getComputedStyle(label);
          const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
          return {
            text: label.textContent ?? "",
            fontSize: parseFloat(style.fontSize),
            isCut: label.scrollWidth > label.clientWidth + 1,
            isOneLine: label.getBoundingClientRect().height <= lineHeight * 1.2,
          };
        }),
    );
}

const speak = async (page: Page, locale: "fr" | "en") => {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
  await page.reload();
};

for (const [who, email, expected] of [
  ["a resident", DEMO.resident, { bar: ["Home", "Bills", "Shops", "Messages", "More"], hasWallet: true }],
  ["a merchant", DEMO.merchant, { bar: ["Home", "My shop", "Messages", "Wallet", "Account"], hasWallet: true }],
  ["a manager", DEMO.manager, { bar: ["Home", "Buildings", "Parking", "Account"], hasWallet: false }],
  ["an admin", DEMO.admin, { bar: ["Home", "Approvals", "Reports", "Buildings", "More"], hasWallet: false }],
] as const) {
  test(`${who}'s tab bar on a phone: at most five readable items, the rest under More`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, email);
    for (const locale of ["fr", "en"] as const) {
      await speak(page, locale);
      const items = await tabBar(page);
      expect(items.length).toBeLessThanOrEqual(5);
      for (const item of items) {
        expect(item.fontSize, `${item.text}: font size`).toBeGreaterThanOrEqual(12);
        expect(item.isCut, `${item.text}: label cut`).toBe(false);
        expect(item.isOneLine, `${item.text}: on one line`).toBe(true);
      }
      if (locale === "en") expect(items.map((i) => i.text)).toEqual(expected.bar);
    }
    // The wide screen's side bar lists every section, with the wallet only for those who use it.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(nav(page).getByRole("link", { name: "Wallet" })).toHaveCount(expected.hasWallet ? 1 : 0);
    await expect(nav(page).getByRole("link", { name: "More" })).toBeHidden();
  });
}

test("on a phone, More lists the other sections, My orders among them; on a wide screen the side bar has it", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.resident);
  await nav(page).getByRole("link", { name: "More" }).click();
  await expect(page).toHaveURL(/\/more$/);
  await expect(page.getByRole("heading", { name: "More", level: 1 })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "More" })).toHaveAttribute("aria-current", "page");
  const list = page.getByTestId("more-list");
  for (const name of ["Notices", "My orders", "Parking", "Repairs", "Wallet", "Account"]) await expect(list.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
  await list.getByRole("link", { name: "My orders" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  // Inside a section under More, More is the current tab.
  await expect(nav(page).getByRole("link", { name: "More" })).toHaveAttribute("aria-current", "page");

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(nav(page).getByRole("link", { name: "My orders" })).toHaveAttribute("aria-current", "page");
  await nav(page).getByRole("link", { name: "Shops" }).click();
  await expect(page).toHaveURL(/\/shops$/);
  await nav(page).getByRole("link", { name: "My orders" }).click();
  await expect(page).toHaveURL(/\/orders$/);
});
