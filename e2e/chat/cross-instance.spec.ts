// Two production instances share one database and Redis: a resident connected to instance A
// and the shopkeeper connected to instance B chat live (messages, typing, receipts cross
// through the socket.io Redis adapter), and both see the same history.
import { DEMO, expect, test, waitLive } from "../fixtures";
import { composer, messageShop, messageTexts, messageWith, navBadge, openConversation, send, signedIn, tag, unreadBadge } from "./helpers";

const A = "http://localhost:3101";
const B = "http://localhost:3102";

test("a resident on instance A and the shopkeeper on instance B chat live", async ({ browser }) => {
  const t = tag();
  const [resident, merchant] = await Promise.all([signedIn(browser, DEMO.resident, A), signedIn(browser, DEMO.merchant, B)]);
  const pingA = await resident.page.evaluate(() => fetch("/api/health").then((r) => r.json()));
  const pingB = await merchant.page.evaluate(() => fetch("/api/health").then((r) => r.json()));
  expect(pingA.instance).not.toBe(pingB.instance);
  expect(pingA.redis?.ok).toBe(true);
  expect(pingB.redis?.ok).toBe(true);

  const id = await messageShop(resident.page, "Primeur de la Croix-Rousse", A);
  expect(new URL(resident.page.url()).origin).toBe(A);
  await openConversation(merchant.page, id, B);
  expect(new URL(merchant.page.url()).origin).toBe(B);
  // The demo history is the same on both.
  const demoLine = "Oui, 2 kg s'il vous plaît. Je passe commande dans l'appli.";
  await expect(messageTexts(resident.page, demoLine)).toHaveCount(1);
  await expect(messageTexts(merchant.page, demoLine)).toHaveCount(1);

  // A → B: the message, then the shopkeeper's reading it, cross over.
  const hello = `Bonjour, il vous reste des châtaignes ? (${t})`;
  await send(resident.page, hello);
  await expect(messageWith(merchant.page, hello)).toHaveAttribute("data-mine", "false");
  await expect(messageWith(resident.page, hello).getByTestId("tick")).toHaveAttribute("data-state", "read");

  // B → A: typing, then the reply.
  await composer(merchant.page).fill("Oui");
  await expect(resident.page.getByTestId("typing")).toBeVisible();
  const reply = `Oui, un beau lot d'Ardèche arrivé ce matin. (${t})`;
  await send(merchant.page, reply);
  await expect(messageWith(resident.page, reply)).toHaveAttribute("data-mine", "false");
  await expect(messageWith(merchant.page, reply).getByTestId("tick")).toHaveAttribute("data-state", "read");

  // The shopkeeper away from the conversation (on B's home page): the badge rises live.
  await merchant.page.goto(`${B}/home`);
  await waitLive(merchant.page);
  const before = await unreadBadge(merchant.page);
  const more = `Je passe les prendre à 17 h. (${t})`;
  await send(resident.page, more);
  await expect(navBadge(merchant.page)).toHaveText(String(before + 1));

  // Same history, same order, on both instances.
  await openConversation(merchant.page, id, B);
  await resident.page.reload();
  for (const page of [resident.page, merchant.page]) {
    await expect(messageTexts(page, more)).toHaveCount(1);
    const texts = await page.getByTestId("messages").getByTestId("message-text").allTextContents();
    expect(texts.slice(-3)).toEqual([hello, reply, more]);
  }
  if (before === 0) await expect(navBadge(merchant.page)).toHaveCount(0);

  await Promise.all([resident.ctx.close(), merchant.ctx.close()]);
});
