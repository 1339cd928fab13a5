// Helpers for the chat journeys: people in their own browser contexts, opening a
// conversation, sending through the composer, and finding messages by their exact text.
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, signIn, signUp, uniqueEmail, waitLive } from "../fixtures";

export type TPerson = { ctx: BrowserContext; page: Page };

/** A demo account signed in (English) in a context of its own; `base` targets another instance. */
export async function signedIn(browser: Browser, email: string, base = ""): Promise<TPerson> {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signIn(page, email, DEMO_PASSWORD, base);
  await waitLive(page);
  return { ctx, page };
}

/**
 * A new resident of Résidence Les Canuts (joined with the demo invite code, which has 10
 * uses shared by every journey: call this sparingly).
 */
export async function newCanutsResident(browser: Browser, name: string): Promise<TPerson> {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  const tag = name.normalize("NFD").replace(/[^a-zA-Z]/g, "").toLowerCase();
  await signUp(page, { name, email: uniqueEmail(tag) });
  await page.getByLabel("Invite code").fill("CANU-TS24");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await waitLive(page);
  return { ctx, page };
}

/** From the shops list, opens a shop and taps "Message the shop"; returns the conversation id. */
export async function messageShop(page: Page, shopName: string, base = ""): Promise<string> {
  await page.goto(`${base}/shops`);
  await page.getByRole("link", { name: new RegExp(shopName) }).first().click();
  await expect(page.getByRole("heading", { name: shopName, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Message the shop" }).click();
  await expect(page).toHaveURL(/\/messages\/[^/?#]+/);
  await expect(page.getByRole("heading", { name: shopName, level: 1 })).toBeVisible();
  await waitLive(page);
  return conversationId(page);
}

export function conversationId(page: Page): string {
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Opens a conversation by its address and waits until it is loaded and live. */
export async function openConversation(page: Page, id: string, base = "") {
  await page.goto(`${base}/messages/${id}`);
  await expect(page.getByTestId("messages")).toBeVisible();
  await waitLive(page);
}

export const composer = (page: Page) => page.locator("#chat-input");
export const sendButton = (page: Page) => page.getByRole("button", { name: "Send", exact: true });

/** Types a message and sends it with Enter (once the conversation is ready to send). */
export async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await expect(sendButton(page)).toBeEnabled();
  await composer(page).press("Enter");
  await expect(composer(page)).toHaveValue("");
}

export function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Stored messages (not pending ones) whose text is exactly `text`. */
export function messageTexts(page: Page, text: string): Locator {
  return page.getByTestId("messages").getByTestId("message-text").filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
}

/** The stored message (bubble) whose text is exactly `text`. */
export function messageWith(page: Page, text: string): Locator {
  return page.getByTestId("messages").getByTestId("message").filter({ has: messageTexts(page, text) });
}

/** The nav's unread badge as a number (0 when absent). */
export async function unreadBadge(page: Page): Promise<number> {
  const badge = page.getByRole("navigation", { name: "Main navigation" }).getByTestId("unread-messages");
  if (!(await badge.count())) return 0;
  return Number(await badge.textContent());
}

export function navBadge(page: Page): Locator {
  return page.getByRole("navigation", { name: "Main navigation" }).getByTestId("unread-messages");
}

/** A random tag to tell this run's messages apart. */
export function tag() {
  return Math.random().toString(36).slice(2, 8);
}
