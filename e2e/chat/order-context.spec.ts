// Writing about an order: "Message the shop" on one of My orders opens the conversation
// with that order as its context; the first message says "About order #N", on both sides.
import { DEMO, expect, test, waitLive } from "../fixtures";
import { conversationId, DEMO_MERCHANT2, messageWith, navBadge, openConversation, send, signedIn, tag } from "./helpers";

test("'Message the shop' from a delivered order opens the conversation about it; the shop sees the same order", async ({ browser }) => {
  const t = tag();
  const [resident, merchant] = await Promise.all([signedIn(browser, DEMO.resident), signedIn(browser, DEMO_MERCHANT2)]);

  // Camille's delivered Eau & Co order (demo data).
  await resident.page.goto("/orders");
  await expect(resident.page.getByRole("heading", { name: "My orders" })).toBeVisible();
  const card = resident.page.locator('[data-testid="order"][data-status="delivered"]').filter({ hasText: "Eau & Co" }).last();
  await expect(card).toContainText("Evian 6 × 1,5 L");
  const number = Number((await card.textContent())!.match(/no\. (\d+)/)![1]);
  expect(number).toBeGreaterThan(0);

  await card.getByRole("button", { name: "Message the shop" }).click();
  await expect(resident.page).toHaveURL(/\/messages\/[^/?]+\?order=[^&]+$/);
  await expect(resident.page.getByRole("heading", { name: "Eau & Co", level: 1 })).toBeVisible();
  const id = conversationId(resident.page);
  await expect(resident.page.getByTestId("chat-order")).toHaveText(`Order #${number} · Delivered`);
  // The composer carries the order until it is sent.
  const chip = resident.page.locator(".composer").getByText(`About order #${number}`);
  await expect(chip).toBeVisible();

  await openConversation(merchant.page, id);
  await expect(merchant.page.getByRole("heading", { name: "Camille Martin", level: 1 })).toBeVisible();

  const text = `Bonjour, il manquait une bouteille de Badoit dans le pack. (${t})`;
  await send(resident.page, text);
  await expect(chip).toHaveCount(0);
  const mine = messageWith(resident.page, text);
  await expect(mine).toContainText(`About order #${number}`);
  await expect(mine.getByTestId("tick")).toHaveAttribute("data-state", "read");

  // The shop: live, then from its inbox after a reload.
  await expect(messageWith(merchant.page, text)).toContainText(`About order #${number}`);
  await merchant.page.goto("/messages");
  const item = merchant.page.getByTestId("inbox-item").filter({ hasText: "Camille Martin" });
  await expect(item).toContainText(`Order #${number}`);
  await expect(item).toContainText(text);
  await item.click();
  await expect(merchant.page.getByTestId("chat-order")).toHaveText(`Order #${number} · Delivered`);
  await expect(messageWith(merchant.page, text)).toContainText(`About order #${number}`);

  // A second message is not about the order again; the context stays on the conversation.
  const next = `Pas grave, la prochaine fois ! (${t})`;
  await send(resident.page, next);
  await expect(messageWith(merchant.page, next)).toHaveAttribute("data-mine", "false");
  await expect(messageWith(merchant.page, next)).not.toContainText("About order");
  await resident.page.reload();
  await expect(messageWith(resident.page, text)).toContainText(`About order #${number}`);
  await expect(resident.page.getByTestId("chat-order")).toHaveText(`Order #${number} · Delivered`);

  await Promise.all([resident.ctx.close(), merchant.ctx.close()]);
});

test("the shopkeeper writes to a customer from the order board; the customer sees it about that order", async ({ browser }) => {
  const t = tag();
  const [merchant, customer] = await Promise.all([signedIn(browser, DEMO.merchant), signedIn(browser, DEMO.resident2)]);

  // Karim Benali's order waits on the primeur's board (demo data).
  await merchant.page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My shop" }).click();
  const card = merchant.page.getByTestId("board-order").filter({ hasText: "Karim Benali" }).first();
  await expect(card).toBeVisible();
  const number = Number(await card.getAttribute("data-number"));
  await card.getByRole("button", { name: "Message", exact: true }).click();
  await expect(merchant.page).toHaveURL(/\/messages\/[^/?]+\?order=[^&]+$/);
  await expect(merchant.page.getByRole("heading", { name: "Karim Benali", level: 1 })).toBeVisible();
  await expect(merchant.page.getByTestId("chat-order")).toContainText(`Order #${number} · `);
  const id = conversationId(merchant.page);
  await waitLive(merchant.page);

  const text = `Bonjour Karim, plus de potimarron : je vous mets une butternut à la place ? (${t})`;
  await send(merchant.page, text);
  await expect(messageWith(merchant.page, text)).toContainText(`About order #${number}`);

  // The customer: the badge, the inbox with the order, then the message about it.
  await expect(navBadge(customer.page)).toHaveText(/^[1-9]\d*$/);
  await customer.page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: /^Messages/ }).click();
  const item = customer.page.getByTestId("inbox-item").filter({ hasText: "Primeur de la Croix-Rousse" });
  await expect(item).toContainText(`Order #${number}`);
  await expect(item).toContainText(text);
  await item.click();
  await expect(customer.page).toHaveURL(new RegExp(`/messages/${id}$`));
  await expect(customer.page.getByTestId("chat-order")).toContainText(`Order #${number} · `);
  await expect(messageWith(customer.page, text)).toContainText(`About order #${number}`);
  await expect(messageWith(merchant.page, text).getByTestId("tick")).toHaveAttribute("data-state", "read");

  await Promise.all([merchant.ctx.close(), customer.ctx.close()]);
});
