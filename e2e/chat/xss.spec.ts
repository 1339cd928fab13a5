// Whatever a person types is shown as text: script and HTML payloads sent through the
// composer run nothing and inject no element, on the sender's page, on the shop's page as
// they arrive live, in the shop's inbox preview, and after a reload. Only http(s)
// addresses become links, opened in a new tab without access to this window.
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_LEA, DEMO_MERCHANT3, messageShop, messageTexts, openConversation, send, signedIn, tag } from "./helpers";

const PAYLOADS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=1">`,
  `<svg onload=window.__xss=1>`,
  `javascript:window.__xss=1`,
  `"><iframe src="javascript:window.__xss=1">`,
  `<a href="javascript:window.__xss=1">click</a>`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  `<style>body{display:none}</style>`,
  `data:text/html,<script>window.__xss=1</script>`,
  `[x](javascript:window.__xss=1)`,
  `<input autofocus onfocus="window.__xss=1">`,
  `<details open ontoggle="window.__xss=1">`,
  `<img src=x onerror=alert(document.domain)>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>`,
  `https://example.org/"><img src=x onerror=window.__xss=1>`,
  `&lt;script&gt;window.__xss=1&lt;/script&gt; &amp; ${"${7*7}"}`,
  `</textarea><script>window.__xss=1</script>`,
];
const LINK = "https://example.org/a?b=1";
const INJECTED = "script, iframe, frame, object, embed, svg, math, img, style, link, input, textarea, select, details, form, base, meta";

/** Records any dialog (alert, confirm, prompt) the page opens. */
function watchDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  return dialogs;
}

/** Every check, on one page showing the conversation. */
async function expectInert(page: Page, expected: string[], dialogs: string[]) {
  const list = page.getByTestId("messages");
  const texts = list.getByTestId("message-text");
  // Each message's text is exactly what was typed, once, in order.
  await expect(texts).toHaveCount(expected.length);
  expect(await texts.evaluateAll((els) => els.map((e) => e.textContent))).toEqual(expected);
  for (const text of expected) await expect(messageTexts(page, text)).toHaveCount(1);
  // Nothing injected inside the messages.
  expect(await list.getByTestId("message").locator(INJECTED).count()).toBe(0);
  expect(await texts.evaluateAll((els) => els.flatMap((e) => [...e.querySelectorAll("*")].map((c) => c.tagName.toLowerCase())).filter((tag) => tag !== "span" && tag !== "a"))).toEqual([]);
  // Nothing ran.
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe("none");
  expect(dialogs).toEqual([]);
  // The only links are http(s) ones, opened safely in a new tab.
  const anchors = await list.locator("a").evaluateAll((els) => els.map((a) => ({ href: a.getAttribute("href") ?? "", rel: a.getAttribute("rel") ?? "", target: a.getAttribute("target") })));
  expect(anchors.length).toBeGreaterThan(0);
  for (const a of anchors) {
    expect(a.href).toMatch(/^https?:\/\//);
    expect(a.rel.split(/\s+/)).toContain("noopener");
    expect(a.target).toBe("_blank");
  }
  const link = list.getByRole("link", { name: LINK, exact: true });
  await expect(link).toHaveAttribute("href", LINK);
  await expect(link).toHaveAttribute("target", "_blank");
}

test("script and HTML sent as messages stay text on both sides, live and after a reload; plain links open in a new tab", async ({ browser }) => {
  test.setTimeout(60_000);
  const [resident, merchant] = await Promise.all([signedIn(browser, DEMO_LEA), signedIn(browser, DEMO_MERCHANT3)]);
  const dialogs = { resident: watchDialogs(resident.page), merchant: watchDialogs(merchant.page) };

  const id = await messageShop(resident.page, "Boulangerie du Plateau");
  await openConversation(merchant.page, id);
  // Earlier runs against the same data may have left messages: compare what this run adds.
  const already = await resident.page.getByTestId("messages").getByTestId("message-text").evaluateAll((els) => els.map((e) => e.textContent ?? ""));
  const t = tag();
  const sent = [...PAYLOADS, LINK, `Fin du test ${t}`];
  expect(sent.length).toBeLessThan(20); // the sending limit is 20 messages per 10 s

  for (const text of sent) await send(resident.page, text);
  const expected = [...already, ...sent];
  await expect(resident.page.getByTestId("pending-message")).toHaveCount(0);

  // The sender's page, then the shop's page where they arrived live.
  await expectInert(resident.page, expected, dialogs.resident);
  await expect(messageTexts(merchant.page, `Fin du test ${t}`)).toHaveCount(1);
  await expectInert(merchant.page, expected, dialogs.merchant);

  // The shop's inbox preview shows the last message as text too.
  await merchant.page.goto("/messages");
  const item = merchant.page.getByTestId("inbox-item").filter({ hasText: "Léa Nguyen" });
  await expect(item).toContainText(`Fin du test ${t}`);
  expect(await merchant.page.getByTestId("inbox").locator(INJECTED.replace("img, ", "")).count()).toBe(0);

  // After a reload (history from the server): the same.
  await resident.page.reload();
  await openConversation(merchant.page, id);
  await expectInert(resident.page, expected, dialogs.resident);
  await expectInert(merchant.page, expected, dialogs.merchant);

  // The plain link opens in a new tab that cannot reach back to this window.
  await resident.ctx.route("https://example.org/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>example</title>ok" }));
  const [popup] = await Promise.all([resident.page.waitForEvent("popup"), resident.page.getByTestId("messages").getByRole("link", { name: LINK, exact: true }).click()]);
  await expect(popup).toHaveURL(LINK);
  expect(await popup.evaluate(() => window.opener)).toBeNull();
  await popup.close();

  // Clicking the texts that look like links does nothing either.
  await resident.page.getByTestId("messages").getByText("javascript:window.__xss=1", { exact: true }).click();
  await resident.page.getByTestId("messages").getByText("[x](javascript:window.__xss=1)", { exact: true }).click();
  expect(await resident.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(resident.page).toHaveURL(new RegExp(`/messages/${id}$`));
  expect(dialogs.resident).toEqual([]);

  await Promise.all([resident.ctx.close(), merchant.ctx.close()]);
});
