// Building notices, the resident's side (issue 14). The demo manager posts notices to
// Résidence Les Canuts through the real API (e2e/fixtures/notices.ts); resident@, who lives
// there, sees them arrive live, opens one, adds its window to a calendar, prints it for the
// lobby, acknowledges an urgent one from the banner (which then stays gone after a reload),
// and finds expired ones in the archive. Then a body full of XSS attempts runs nothing on
// the notice page, in the banner, or on the printable version.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, signIn, test, waitLive } from "../fixtures";
import sharp from "sharp";
import { managerPage, postNotice, trpcMutation, uploadNoticeFile } from "../fixtures/notices";

test.use({ locale: "en-GB" });

const tag = () => randomBytes(3).toString("hex");

async function signedIn(browser: Browser, email: string) {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signIn(page, email);
  return { ctx, page };
}

const card = (page: Page, title: string) => page.locator(`[data-testid="notice-card"][data-title="${title}"]`);
const banner = (page: Page, id: string) => page.locator(`[data-testid="urgent-banner"][data-id="${id}"]`);
const badgeCount = async (page: Page) => {
  const badge = page.getByTestId("notices-badge");
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
};

test("a notice arrives live; the resident opens it, adds it to a calendar, prints it; an urgent one is acknowledged from the banner", async ({ browser }) => {
  test.setTimeout(90_000);
  const resident = await signedIn(browser, DEMO.resident);
  const manager = await signedIn(browser, DEMO.manager);
  await managerPage(manager.page);

  await resident.page.goto("/notices");
  await expect(resident.page.getByRole("heading", { name: "Notices", level: 1 })).toBeVisible();
  await waitLive(resident.page);
  const before = await badgeCount(resident.page);

  // 9 Dec 2031, 08:00–12:00 in Paris (UTC+1).
  const title = `Water cut ${tag()}`;
  const startsAt = new Date("2031-12-09T07:00:00Z");
  const endsAt = new Date("2031-12-09T11:00:00Z");
  const pdf = await uploadNoticeFile(manager.page, "network-plan.pdf", Buffer.from(`%PDF-1.4\n${"%".repeat(3000)}\n%%EOF\n`));
  const image = await uploadNoticeFile(manager.page, "valve.png", await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer());
  const id = await postNotice(manager.page, { title, body: "The water will be **cut** for repairs.\n\n- Fill a kettle\n- Keep taps closed", category: "water", startsAt, endsAt, attachmentIds: [pdf, image] });

  // Live, without a reload: the card (marked new), the badge, the notification's alert.
  const mine = card(resident.page, title);
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId("notice-new")).toHaveText("New");
  await expect(mine.getByTestId("notice-window")).toHaveText("Water cut Tue 9 Dec 08:00–12:00");
  await expect(mine).toContainText("Résidence Les Canuts");
  await expect(resident.page.getByText("You have a new notification.").first()).toBeVisible();
  await expect.poll(() => badgeCount(resident.page)).toBe(before + 1);

  // Opening it marks it seen: the badge goes back down.
  await mine.click();
  await expect(resident.page).toHaveURL(new RegExp(`/notices/${id}$`));
  await expect(resident.page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(resident.page.getByTestId("notice-body").locator("strong")).toHaveText("cut");
  await expect.poll(() => badgeCount(resident.page)).toBe(before);
  // Attachments: the image shown, the PDF as a download link with its size.
  const files = resident.page.getByTestId("notice-files");
  await expect(files.getByRole("img", { name: "valve.webp" })).toBeVisible();
  // The page is rendered on the server now: the image may still be on its way.
  await expect.poll(() => files.getByRole("img", { name: "valve.webp" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const pdfLink = files.getByRole("link", { name: /network-plan\.pdf/ });
  await expect(pdfLink).toContainText("(PDF, 3 KB)");
  await expect(pdfLink).toHaveAttribute("href", `/media/notice-files/${pdf}`);

  // "Add to my calendar": an .ics file with the window.
  const [download] = await Promise.all([resident.page.waitForEvent("download"), resident.page.getByRole("button", { name: "Add to my calendar" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^water-cut-[a-f0-9]+\.ics$/);
  const ics = (await readFile(await download.path(), "utf8")).replace(/\r\n[ \t]/g, "");
  expect(ics).toContain("DTSTART:20311209T070000Z");
  expect(ics).toContain("DTEND:20311209T110000Z");
  expect(ics).toContain(`SUMMARY:${title}`);
  expect(ics).toMatch(new RegExp(`URL:http://localhost:\\d+/notices/${id}`));

  // The printable version, with a QR code to the notice.
  await resident.page.getByRole("link", { name: "Print for the lobby" }).click();
  await expect(resident.page).toHaveURL(new RegExp(`/notices/${id}/print$`));
  const sheet = resident.page.getByTestId("notice-print");
  await expect(sheet.getByRole("heading", { name: title })).toBeVisible();
  await expect(sheet.getByTestId("notice-window")).toHaveText("Water cut Tue 9 Dec 08:00–12:00");
  const qr = sheet.getByTestId("notice-qr");
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute("src", /^data:image\/png;base64,/);
  await expect(qr).toHaveAttribute("data-url", new RegExp(`^http://localhost:\\d+/notices/${id}$`));
  await expect(resident.page.getByRole("button", { name: "Print" })).toBeVisible();
  // On paper: no app navigation, no Print button.
  await resident.page.emulateMedia({ media: "print" });
  await expect(resident.page.getByRole("navigation", { name: "Main navigation" })).toBeHidden();
  await expect(resident.page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(qr).toBeVisible();
  await resident.page.emulateMedia({ media: "screen" });

  // An urgent notice: the banner appears live on another page, stays across pages, and goes
  // once acknowledged (also after a reload).
  await resident.page.goto("/wallet");
  await waitLive(resident.page);
  const urgentTitle = `Gas leak ${tag()}`;
  const urgentId = await postNotice(manager.page, { title: urgentTitle, body: "Do not use the lift or any flame.", category: "security", urgency: "urgent" });
  const alert = banner(resident.page, urgentId);
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute("role", "alert");
  await expect(alert).toContainText(urgentTitle);
  await resident.page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Bills", exact: true }).click();
  await expect(resident.page).toHaveURL(/\/bills$/);
  await expect(alert).toBeVisible();
  await resident.page.reload();
  await expect(alert).toBeVisible();
  await alert.getByRole("button", { name: "I have read this" }).click();
  await expect(alert).toHaveCount(0);
  await resident.page.reload();
  await expect(resident.page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(alert).toHaveCount(0);
  // The notice itself says when.
  await resident.page.goto(`/notices/${urgentId}`);
  await expect(resident.page.getByTestId("acknowledged")).toContainText("Acknowledged on");
  await expect(resident.page.getByTestId("acknowledge")).toHaveCount(0);

  // Both arrived as notifications too, in words.
  await resident.page.goto("/notifications");
  await expect(resident.page.getByText(`Résidence Les Canuts: new notice “${title}” (water cut).`)).toBeVisible();
  await expect(resident.page.getByText(`Résidence Les Canuts: urgent notice “${urgentTitle}”`)).toBeVisible();

  await resident.ctx.close();
  await manager.ctx.close();
});

test("an urgent notice edited while open updates live, and acknowledged on its own page leaves the banner", async ({ browser }) => {
  const resident = await signedIn(browser, DEMO.resident);
  const manager = await signedIn(browser, DEMO.manager);
  const title = `Lift stopped ${tag()}`;
  const id = await postNotice(manager.page, { title, body: "Staircase A's lift is stopped.", category: "lift", urgency: "urgent" });
  await resident.page.goto("/home");
  const alert = banner(resident.page, id);
  await expect(alert).toBeVisible();
  await alert.getByRole("link", { name: "Read the notice" }).click();
  await expect(resident.page).toHaveURL(new RegExp(`/notices/${id}$`));
  // The banner does not repeat the notice on its own page; its button is there.
  await expect(alert).toHaveCount(0);
  // The manager corrects it: the open page follows live and says it was edited.
  await waitLive(resident.page);
  await expect(resident.page.getByTestId("notice-edited")).toHaveCount(0);
  await trpcMutation(manager.page.request, "notices.manage.update", { id, title, body: "Staircase A's lift is stopped until **Friday**.", category: "lift", urgency: "urgent" });
  await expect(resident.page.getByTestId("notice-body").locator("strong")).toHaveText("Friday");
  await expect(resident.page.getByTestId("notice-edited")).toContainText("edited");
  await resident.page.getByTestId("acknowledge").click();
  await expect(resident.page.getByTestId("acknowledged")).toBeVisible();
  await resident.page.goto("/home");
  await expect(resident.page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(alert).toHaveCount(0);
  await resident.ctx.close();
  await manager.ctx.close();
});

test("expired notices move to the archive, a view kept in the address", async ({ browser }) => {
  const resident = await signedIn(browser, DEMO.resident);
  const manager = await signedIn(browser, DEMO.manager);
  const title = `Bike room tidy-up ${tag()}`;
  await postNotice(manager.page, { title, body: "Unlabelled bikes will be removed.", category: "event", expiresAt: new Date(Date.now() + 3_000) });
  await resident.page.goto("/notices");
  await expect(card(resident.page, title)).toBeVisible();
  await resident.page.waitForTimeout(3_500);
  await resident.page.reload();
  await expect(resident.page.getByRole("heading", { name: "Notices", level: 1 })).toBeVisible();
  await expect(resident.page.getByTestId("view-current")).toHaveAttribute("aria-current", "page");
  await expect(card(resident.page, title)).toHaveCount(0);

  await resident.page.getByRole("link", { name: "Archive" }).click();
  await expect(resident.page).toHaveURL(/\/notices\?view=archive$/);
  await expect(card(resident.page, title)).toBeVisible();
  await expect(card(resident.page, title)).toContainText("Expired");
  await resident.page.reload();
  await expect(resident.page.getByTestId("view-archive")).toHaveAttribute("aria-current", "page");
  await expect(card(resident.page, title)).toBeVisible();
  await resident.page.goBack();
  await expect(resident.page).toHaveURL(/\/notices$/);
  await expect(resident.page.getByTestId("view-current")).toHaveAttribute("aria-current", "page");
  await expect(card(resident.page, title)).toHaveCount(0);
  await resident.ctx.close();
  await manager.ctx.close();
});

// ─── XSS ────────────────────────────────────────────────────────────────────

const XSS_BODY = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=1">`,
  `<img src=x onerror=alert(document.domain)>`,
  `[click me](javascript:window.__xss=1)`,
  `[click me too](JaVaScRiPt:alert(1))`,
  `<svg onload=window.__xss=1>`,
  `<a href="data:text/html,<script>window.__xss=1</script>">data link</a>`,
  `[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)`,
  `![pic](x" onerror="window.__xss=1)`,
  `"><iframe src="javascript:window.__xss=1">`,
  `<details open ontoggle="window.__xss=1">`,
  `<style>body{display:none}</style>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>`,
  `<input autofocus onfocus="window.__xss=1">`,
  `[safe](https://example.org/safe)`,
].join("\n\n");
const INJECTED = "script, iframe, frame, object, embed, svg, math, img, style, link, input, textarea, select, details, form, base, meta";

function watchDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  return dialogs;
}

async function expectNothingRan(page: Page, dialogs: string[]) {
  // Give any injected handler (onerror, onload, ontoggle, autofocus) its chance to run.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe("none");
  expect(dialogs).toEqual([]);
}

async function expectInertBody(page: Page) {
  const body = page.getByTestId("notice-body");
  await expect(body).toBeVisible();
  expect(await body.locator(INJECTED).count()).toBe(0);
  expect(await body.locator("[onerror], [onload], [onfocus], [ontoggle], [style]").count()).toBe(0);
  const hrefs = await body.locator("a").evaluateAll((els) => els.map((a) => ({ href: a.getAttribute("href") ?? "", rel: a.getAttribute("rel") ?? "" })));
  expect(hrefs.map((a) => a.href)).toContain("https://example.org/safe");
  for (const a of hrefs) {
    expect(a.href).toMatch(/^(https?:|mailto:|tel:)/);
    expect(a.rel).toContain("noopener");
  }
  // The payloads are there as text, harmlessly.
  await expect(body).toContainText("window.__xss=1");
}

test("a notice body full of XSS attempts runs nothing on the notice page, in the banner, or on the printable version", async ({ browser }) => {
  test.setTimeout(60_000);
  const resident = await signedIn(browser, DEMO.resident);
  const manager = await signedIn(browser, DEMO.manager);
  const dialogs = watchDialogs(resident.page);
  const title = `<img src=x onerror=alert(1)> ${tag()}`;
  const id = await postNotice(manager.page, { title, body: XSS_BODY, category: "general", urgency: "urgent" });

  // The banner (on another page): the title is text.
  await resident.page.goto("/home");
  const alert = banner(resident.page, id);
  await expect(alert.getByTestId("urgent-banner-title")).toHaveText(title);
  expect(await alert.getByTestId("urgent-banner-title").locator("*").count()).toBe(0);
  // Only the banner's own category icon is an svg there.
  expect(await alert.locator(INJECTED).evaluateAll((els) => els.filter((e) => !e.classList.contains("notice-cat-icon")).length)).toBe(0);
  await expectNothingRan(resident.page, dialogs);

  // The notice page.
  await resident.page.goto(`/notices/${id}`);
  await expect(resident.page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expectInertBody(resident.page);
  await expectNothingRan(resident.page, dialogs);

  // The printable version.
  await resident.page.goto(`/notices/${id}/print`);
  await expect(resident.page.getByTestId("notice-print").getByRole("heading", { name: title })).toBeVisible();
  await expectInertBody(resident.page);
  await expectNothingRan(resident.page, dialogs);

  // Acknowledged, so that the banner does not stay on the demo resident's other journeys.
  await resident.page.goto(`/notices/${id}`);
  await resident.page.getByTestId("acknowledge").click();
  await expect(resident.page.getByTestId("acknowledged")).toBeVisible();
  await expectNothingRan(resident.page, dialogs);
  await resident.ctx.close();
  await manager.ctx.close();
});
