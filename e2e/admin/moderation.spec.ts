// Moderation from a chat report (issue 16): a shop writes something a resident reports; the
// admin suspends the shop from the report with a reason; the resident's list of shops loses
// it at once, and its owner sees that it is suspended and why. The shop, its owner and the
// resident are new (set up through the API), so no demo shop is touched.
import { randomUUID } from "node:crypto";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";
import { trpcMutation, trpcQuery } from "../fixtures/notices";

test("from a report, the admin suspends the shop; residents no longer see it", async ({ browser }) => {
  test.setTimeout(120_000);
  const shopName = `Épicerie ${randomUUID().slice(0, 6)}`;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);

  // A merchant (made one by the admin) opens a shop delivering to Les Canuts; the admin approves it.
  const merchant = await (await browser.newContext()).newPage();
  const merchantEmail = uniqueEmail("shopkeeper");
  await signUp(merchant, { name: "Bastien Roche", email: merchantEmail });
  const found = await trpcQuery<{ items: { id: string }[] }>(admin.request, "people.list", { q: merchantEmail });
  await trpcMutation(admin.request, "people.grantRole", { userId: found.items[0]!.id, role: "merchant" });
  const canuts = (await trpcQuery<{ id: string; name: string }[]>(merchant.request, "buildings.directory")).find((b) => b.name.includes("Canuts"))!;
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "00:00", closes: "23:59" }));
  const shop = await trpcMutation<{ id: string }>(merchant.request, "shops.manage.create", {
    name: shopName,
    description: "",
    category: "grocery",
    minOrder: 0,
    timeZone: "Europe/Paris",
    hours: everyDay,
    windows: [{ starts: "18:00", ends: "20:00", cutoffMinutes: 60 }],
    buildingIds: [canuts.id],
  });
  await trpcMutation(admin.request, "shops.admin.decide", { id: shop.id, decision: "approved" });

  // A new neighbour at Les Canuts sees the shop, writes to it; the shop answers rudely; reported.
  const resident = await (await browser.newContext()).newPage();
  await signUp(resident, { name: "Lou Garnier", email: uniqueEmail("neighbour") });
  await trpcMutation(resident.request, "buildings.joinWithCode", { code: "CANU-TS24" });
  const { id: conversationId } = await trpcMutation<{ id: string }>(resident.request, "chat.start", { shopId: shop.id });
  await trpcMutation(resident.request, "chat.send", { conversationId, clientId: randomUUID(), body: "Bonjour, livrez-vous le dimanche ?" });
  const rude = `Achetez ailleurs si vous n'êtes pas content (${shopName})`;
  const sent = await trpcMutation<{ message: { id: string } }>(merchant.request, "chat.send", { conversationId, clientId: randomUUID(), body: rude });
  await trpcMutation(resident.request, "chat.report", { messageId: sent.message.id, reason: "abuse", note: "" });
  await resident.goto("/shops");
  await waitLive(resident);
  await expect(resident.getByText(shopName)).toBeVisible();

  // The admin acts from the report.
  await admin.goto("/admin/reports");
  await waitLive(admin);
  const report = admin.getByTestId("report").filter({ hasText: rude });
  await report.getByRole("button", { name: "Suspend the shop" }).click();
  const dialog = admin.getByRole("dialog", { name: `Suspend the shop ${shopName}` });
  await dialog.getByLabel("Reason").fill("Insults a customer in the chat");
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(admin.getByText("Suspended; the report is handled.")).toBeVisible();
  await expect(report).toHaveCount(0);

  // Gone from the resident's list without a reload, and after one; the owner sees why.
  await expect(resident.getByText(shopName)).toHaveCount(0);
  await resident.reload();
  await expect(resident.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(resident.getByText(shopName)).toHaveCount(0);
  await merchant.goto("/shop");
  await expect(merchant.getByTestId("shop-status")).toContainText("Your shop is suspended: residents cannot see it.");
  await expect(merchant.getByTestId("shop-suspension-reason")).toHaveText("Reason given: Insults a customer in the chat");
  await Promise.all([admin.context().close(), merchant.context().close(), resident.context().close()]);
});
