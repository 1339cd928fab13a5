// The notification centre (issue 14): a resident switches chat messages off and a shop's
// reply arrives read, not counted; the steps of an order are one entry that updates live;
// "mark all as read" clears the bell; quiet hours are kept.
import { randomBytes, randomUUID } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";
import { openConversation, send } from "../chat/helpers";

test.use({ locale: "en-GB" });

/** tRPC over HTTP with the page's session (setting the scene only; what is checked is on screen). */
async function trpc<T>(request: APIRequestContext, path: string, input?: unknown, method: "GET" | "POST" = "GET"): Promise<T> {
  const res =
    method === "GET"
      ? await request.get(`/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`)
      : await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A new resident of Les Canuts (one use of the demo invite code) with €50 in the wallet. */
async function newResident(browser: Browser, name: string) {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signUp(page, { name, email: uniqueEmail("notif") });
  await page.getByLabel("Invite code").fill("CANU-TS24");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await page.goto("/wallet");
  await page.getByRole("button", { name: "€50.00" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Top up €50.00" }).click();
  await expect(page.getByTestId("wallet-balance")).toHaveText("€50.00");
  return page;
}

async function merchantPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signIn(page, DEMO.merchant);
  await waitLive(page);
  return page;
}

test("switched-off chat messages are not counted; an order's steps are one entry; mark all read", async ({ browser }) => {
  const tag = randomBytes(2).toString("hex");
  const resident = await newResident(browser, `Nora Vidal ${tag}`);
  const merchant = await merchantPage(browser);
  const bell = resident.getByTestId("notification-bell");
  const count = resident.getByTestId("notification-count");

  // Settings: chat messages off; money matters are locked on, with the reason.
  await resident.goto("/notifications");
  await expect(resident.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(resident.getByText("Nothing new")).toBeVisible();
  await resident.getByTestId("notification-settings").click();
  await expect(resident).toHaveURL(/\/notifications\/settings$/);
  const chatSwitch = resident.getByRole("switch", { name: "New chat messages" });
  await expect(chatSwitch).toBeChecked();
  await chatSwitch.click();
  await expect(chatSwitch).not.toBeChecked();
  await expect(chatSwitch).toBeEnabled();
  const ordersSwitch = resident.getByRole("switch", { name: /My orders move on/ });
  await expect(ordersSwitch).toBeChecked();
  await expect(ordersSwitch).toBeDisabled();
  await expect(resident.getByTestId("pref-orderStatus")).toContainText("Always on: it is about your money.");
  await resident.reload();
  await expect(resident.getByRole("switch", { name: "New chat messages" })).not.toBeChecked();

  // Quiet hours 22:00–07:00, kept after a reload.
  await resident.getByTestId("quiet-on").check();
  await resident.getByTestId("quiet-from").fill("22:00");
  await resident.getByTestId("quiet-to").fill("07:00");
  await resident.getByTestId("quiet-save").click();
  await expect(resident.getByText("Saved.")).toBeVisible();
  await resident.reload();
  await expect(resident.getByTestId("quiet-from")).toHaveValue("22:00");
  await expect(resident.getByTestId("quiet-to")).toHaveValue("07:00");
  await expect(resident.getByText("Times in Europe/Paris.")).toBeVisible();
  // Off again, so the rest of the journey is not held back whatever the time.
  await resident.getByTestId("quiet-on").uncheck();
  await expect(resident.getByText("No quiet hours: every notification alerts.")).toBeVisible();

  // The resident writes to the primeur; the shop answers. The answer is in the centre, read, not counted.
  const { shops } = { shops: await trpc<{ id: string; name: string }[]>(resident.request, "shops.list") };
  const primeur = shops.find((s) => s.name === "Primeur de la Croix-Rousse")!;
  const conversation = await trpc<{ id: string }>(resident.request, "chat.start", { shopId: primeur.id }, "POST");
  await resident.goto("/notifications");
  await waitLive(resident);
  await openConversation(merchant, conversation.id);
  await send(merchant, `Bonjour ${tag}`);
  await expect(async () => {
    await resident.reload();
    await expect(resident.getByTestId("notification").filter({ hasText: "New message from Primeur de la Croix-Rousse." })).toHaveAttribute("data-read", "true", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(count).toHaveCount(0);
  await expect(bell).toHaveAttribute("aria-label", "Notifications");

  // An order, accepted then sent out by the shop: one entry, updated live, counted once.
  await waitLive(resident);
  const [membership] = await trpc<{ unit: { id: string } }[]>(resident.request, "buildings.listMemberships");
  const shop = await trpc<{ products: { id: string; stock: number | null; price: number }[]; slots: { windowId: string; date: string; cutoffAt: string }[] }>(resident.request, "shops.get", { id: primeur.id });
  // Enough for the shop's minimum (€8), within the €50 topped up.
  const quantity = (p: { price: number }) => Math.ceil(800 / p.price);
  const product = shop.products.find((p) => quantity(p) * p.price <= 5000 && (p.stock === null || p.stock >= quantity(p)))!;
  const slot = shop.slots.find((s) => Date.parse(s.cutoffAt) > Date.now() + 5 * 60_000)!;
  const placed = await trpc<{ orderId: string }>(
    resident.request,
    "orders.place",
    { shopId: primeur.id, unitId: membership!.unit.id, windowId: slot.windowId, date: slot.date, note: "", lines: [{ productId: product.id, quantity: quantity(product) }], idempotencyKey: randomUUID() },
    "POST",
  );
  await trpc(merchant.request, "orders.manage.move", { id: placed.orderId, to: "accepted" }, "POST");
  const list = resident.getByTestId("notifications");
  const orderEntries = list.locator('[data-kind="orderStatus"]');
  await expect(orderEntries).toHaveCount(1);
  await expect(orderEntries).toContainText("Primeur de la Croix-Rousse");
  await expect(orderEntries).toContainText("Accepted");
  await expect(count).toHaveText("1");
  await trpc(merchant.request, "orders.manage.move", { id: placed.orderId, to: "out_for_delivery" }, "POST");
  await expect(orderEntries).toContainText("Out for delivery");
  await expect(orderEntries).toHaveCount(1);
  await expect(orderEntries).toHaveAttribute("data-read", "false");
  await expect(count).toHaveText("1");
  // Latest change first.
  await expect(list.getByTestId("notification").first()).toHaveAttribute("data-kind", "orderStatus");

  // Mark all as read: the bell clears, and stays clear after a reload.
  await resident.getByRole("button", { name: "Mark all as read" }).click();
  await expect(count).toHaveCount(0);
  await expect(orderEntries).toHaveAttribute("data-read", "true");
  await expect(resident.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  await resident.reload();
  await expect(resident.getByTestId("notifications")).toBeVisible();
  await expect(count).toHaveCount(0);

  // Opening the entry follows its link.
  await orderEntries.getByRole("button").click();
  await expect(resident).toHaveURL(/\/orders$/);
});
