// Helpers for the chat journeys: people in their own browser contexts, opening a
// conversation, sending through the composer, and finding messages by their exact text.
//
// A conversation is one per (shop, resident), and the journeys run in parallel: each test
// has its own, so that counts and blocks never collide. On the main instance:
//   live-chat   a new Canuts resident ↔ primeur (merchant@: nobody else writes to it,
//               its unread badge is counted); Mathis ↔ bakery; Mathis ↔ primeur (no message)
//   xss         Léa ↔ bakery            photo       Mathis ↔ Eau & Co
//   block-report Claire ↔ bakery (+ admin@); Hugo ↔ Eau & Co (blocked, then unblocked)
//   order-context Camille (resident@) ↔ Eau & Co; primeur → Karim (resident2@) from the board
//   rate-limit  Claire ↔ Eau & Co
// On the shared instances (3101/3102): cross-instance, Camille ↔ primeur.
// Camille (resident@) is never sent a message on the main instance: another journey counts
// her notifications, and a chat message adds one.
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, signIn, signUp, uniqueEmail, waitLive } from "../fixtures";

/**
 * Demo residents no other journey uses, with no conversation in the demo data: Léa Nguyen
 * (Le Clos Jacquard 402) and Mathis Robert (Tour Belvédère 101). The primeur and the bakery
 * deliver to both buildings, so they can write to them without using an invite.
 */
export const DEMO_LEA = "lea.nguyen@quartier.test";
export const DEMO_MATHIS = "mathis.robert@quartier.test";
/** Claire Dubois (Les Canuts 101): in the demo data, she wrote to the bakery. */
export const DEMO_CLAIRE = "claire.dubois@quartier.test";
/** Hugo Bernard (Les Canuts 501): in the demo data, he wrote to Eau & Co. */
export const DEMO_HUGO = "hugo.bernard@quartier.test";
/** Amélie Roux, Eau & Co; Thomas Garnier, Boulangerie du Plateau (also a resident). */
export const DEMO_MERCHANT2 = "merchant2@quartier.test";
export const DEMO_MERCHANT3 = "merchant3@quartier.test";

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

const exactly = (text: string) => new RegExp(`^${escapeRegExp(text)}$`);

/** Stored messages' texts (not pending ones) that are exactly `text`. */
export function messageTexts(page: Page, text: string): Locator {
  return page.getByTestId("messages").getByTestId("message-text").filter({ hasText: exactly(text) });
}

/** The stored message (bubble) whose text is exactly `text`. */
export function messageWith(page: Page, text: string): Locator {
  return page
    .getByTestId("messages")
    .getByTestId("message")
    .filter({ has: page.getByTestId("message-text").filter({ hasText: exactly(text) }) });
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
