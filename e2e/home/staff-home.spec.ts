// The merchant's, manager's and admin's homes (issue 15), live: each home is open in its own
// browser while someone else acts through the real API (the same procedures the pages call),
// and what needs the staff member appears without a reload.
import { randomBytes, randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { trpcMutation, trpcQuery } from "../fixtures/notices";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

async function homeOf(browser: Browser, email: string, locale: "en-GB" | "fr-FR" = "en-GB"): Promise<Page> {
  const ctx = await browser.newContext({ locale, extraHTTPHeaders: { "accept-language": locale } });
  const page = await ctx.newPage();
  await signIn(page, email);
  await expect(page.getByTestId("staff-home")).toBeVisible();
  await waitLive(page);
  return page;
}

/** A new person, signed up in their own browser (a resident of nowhere yet). */
async function newcomer(browser: Browser, name: string): Promise<Page> {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signUp(page, { name, email: uniqueEmail(name.normalize("NFD").replace(/[^a-zA-Z]/g, "").toLowerCase()) });
  return page;
}

test("a resident orders from the demo shop: the order appears on the merchant's home without reload, with its age", async ({ browser }) => {
  const merchant = await homeOf(browser, DEMO.merchant);
  const section = merchant.getByTestId("staff-home-merchant");
  await expect(section.getByRole("heading", { name: "Your shop" })).toBeVisible();
  const orders = section.getByTestId("new-orders");
  // The seeded order (Karim Benali's) already waits, with its age.
  await expect(orders.getByTestId("waiting-order").first()).toBeVisible();
  await expect(orders.getByTestId("waiting-order").first().getByTestId("age")).toHaveText(/^(just now|waiting \d+ (mins?|hrs?|days?))$/);
  const before = Number(await section.getByTestId("new-orders-count").textContent());
  await expect(section.getByTestId("takings")).toBeVisible();
  await expect(section.getByRole("link", { name: /Open the order board/ })).toHaveAttribute("href", /^\/shop\?shop=[a-z0-9]+&tab=orders$/);

  // A new resident of Les Canuts, €50 in the wallet, orders two of the shop's first product.
  const customer = `Yasmine ${randomBytes(2).toString("hex")}`;
  const resident = await newcomer(browser, customer);
  await trpcMutation(resident.request, "buildings.joinWithCode", { code: "CANU-TS24" });
  await trpcMutation(resident.request, "wallet.topUp", { amount: 5000, idempotencyKey: randomUUID() });
  const shops = await trpcQuery<{ id: string; name: string }[]>(resident.request, "shops.list");
  const shop = shops.find((s) => s.name === "Primeur de la Croix-Rousse")!;
  const detail = await trpcQuery<{ products: { id: string; price: number; stock: number | null; isActive?: boolean }[]; slots: { windowId: string; date: string; cutoffAt: Date }[] }>(
    resident.request,
    "shops.get",
    { id: shop.id },
  );
  const product = detail.products.find((p) => p.stock === null || p.stock > 2)!;
  const slot = detail.slots.find((x) => new Date(x.cutoffAt).getTime() > Date.now() + 5 * 60_000)!;
  const homes = await trpcQuery<{ unit: { id: string }; building: { name: string }; status: string }[]>(resident.request, "buildings.listMemberships");
  const unit = homes.find((m) => m.status === "active" && m.building.name === "Résidence Les Canuts")!.unit;
  const placed = await trpcMutation<{ number: number; total: number }>(resident.request, "orders.place", {
    shopId: shop.id,
    unitId: unit.id,
    windowId: slot.windowId,
    date: slot.date,
    note: "",
    lines: [{ productId: product.id, quantity: 2 }],
    idempotencyKey: randomUUID(),
  });

  // On the merchant's home, without reload: one more waiting (other journeys order here too:
  // at least one more), the new one with its age unless older orders fill the card.
  const count = section.getByTestId("new-orders-count");
  await expect.poll(async () => Number(await count.textContent())).toBeGreaterThan(before);
  const row = orders.locator(`[data-number="${placed.number}"]`);
  await expect(row.or(orders.getByText(/^and \d+ more$/)).first()).toBeVisible();
  if (await row.count()) {
    await expect(row).toContainText(`#${placed.number} · ${customer}`);
    await expect(row.getByTestId("age")).toHaveText(/^(just now|waiting 1 min)$/);
  }
  // Today's takings count the payment (the order was paid when placed).
  await expect(section.getByTestId("takings")).toContainText(/Orders \(\d+\)/);
  await resident.context().close();
  await merchant.context().close();
});

test("someone asks to join Les Canuts: the request appears live on the manager's home", async ({ browser }) => {
  const manager = await homeOf(browser, DEMO.manager, "fr-FR");
  const section = manager.getByTestId("staff-home-manager");
  await expect(section.getByRole("heading", { name: "Vos immeubles" })).toBeVisible();
  const card = section.locator('[data-building="Résidence Les Canuts"]');
  await expect(card).toBeVisible();
  const requests = card.getByTestId("join-requests");
  // Other journeys ask to join Les Canuts too: read the count, do not assume it.
  const before = Number((await requests.getByTestId("join-requests-count").count()) ? await requests.getByTestId("join-requests-count").textContent() : "0");
  // The seeded arrears and the urgent lift notice need the manager too.
  await expect(card.getByTestId("arrears-count")).toBeVisible();
  await expect(card.getByTestId("urgent-notices")).toContainText(/logements? sur \d+/);
  await expect(card.getByRole("link", { name: /Voir les impayés/ })).toHaveAttribute("href", /\/buildings\/[^/]+\?tab=bills$/);

  const name = `Noé ${randomBytes(2).toString("hex")}`;
  const resident = await newcomer(browser, name);
  const directory = await trpcQuery<{ id: string; name: string }[]>(resident.request, "buildings.directory");
  const building = directory.find((b) => b.name === "Résidence Les Canuts")!;
  const units = await trpcQuery<{ id: string; staircase: string; door: string }[]>(resident.request, "buildings.directoryUnits", { buildingId: building.id });
  const unit = units.find((u) => u.staircase === "B" && u.door === "403") ?? units[units.length - 1]!;
  await trpcMutation(resident.request, "buildings.requestToJoin", { unitId: unit.id, message: "Arrivé la semaine dernière." });

  const count = requests.getByTestId("join-requests-count");
  await expect.poll(async () => Number((await count.count()) ? await count.textContent() : "0")).toBeGreaterThan(before);
  await expect(requests.getByRole("link", { name: /Examiner les demandes/ })).toHaveAttribute("href", `/buildings/${building.id}?tab=requests`);
  // Oldest first, three shown: the new one, or the line counting those beyond.
  const row = requests.getByTestId("join-request").filter({ hasText: name });
  await expect(row.or(requests.getByText(/^et \d+ de plus$/)).first()).toBeVisible();
  if (await row.count()) await expect(row).toContainText(/à l’instant|en attente depuis 1 min/);
  await resident.context().close();
  await manager.context().close();
});

test("the admin's home shows the quiet parking feed, and a new shop to approve arrives live", async ({ browser }) => {
  const admin = await homeOf(browser, DEMO.admin);
  const section = admin.getByTestId("staff-home-admin");
  await expect(section.getByRole("heading", { name: "Administration" })).toBeVisible();
  // The demo data's quiet feed: Parking Cuire, run by Indigo, has had no count for two hours.
  const feeds = section.getByTestId("stale-feeds");
  const indigo = feeds.locator('[data-operator="Indigo"]');
  await expect(indigo).toContainText("Parking Cuire");
  await expect(indigo).toContainText(/last count \d+ hrs? ago/);
  await expect(feeds.getByRole("link", { name: /Operators and feeds/ })).toHaveAttribute("href", "/admin/parking");
  await expect(section.getByTestId("open-reports")).toBeVisible();

  // The second demo shopkeeper opens another shop: it appears on the admin's home at once.
  const shopName = `Cave Roux ${randomBytes(2).toString("hex")}`;
  const ctx = await browser.newContext({ locale: "en-GB" });
  const merchant2 = await ctx.newPage();
  await signIn(merchant2, "merchant2@quartier.test");
  const shop = await trpcMutation<{ id: string }>(merchant2.request, "shops.manage.create", { name: shopName, category: "grocery" });
  const waiting = section.getByTestId("approve-shops");
  await expect(waiting.getByTestId("waiting-shop").filter({ hasText: shopName }).or(waiting.getByText(/and \d+ more/))).toBeVisible();
  await expect(waiting.getByRole("link", { name: /Review/ })).toHaveAttribute("href", "/admin/shops");
  // Rejected, it leaves the home again (and leaves the demo shopkeeper as she was).
  await trpcMutation(admin.request, "shops.admin.decide", { id: shop.id, decision: "rejected" });
  await expect(waiting.getByTestId("waiting-shop").filter({ hasText: shopName })).toHaveCount(0);
  await ctx.close();
  await admin.context().close();
});
