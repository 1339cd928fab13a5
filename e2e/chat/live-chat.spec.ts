// A resident writes to a shop and the shopkeeper answers, each in their own browser: the
// unread badge, ticks (delivered, then read), "typing…", live replies, history after a
// reload, and going offline and back (nothing lost, nothing twice).
import { DEMO, expect, test, waitLive } from "../fixtures";
import { composer, messageShop, messageTexts, messageWith, navBadge, newCanutsResident, openConversation, send, signedIn, tag, unreadBadge } from "./helpers";

test("a resident and the shopkeeper chat live: badge, ticks, typing, replies, history, and a connection cut", async ({ browser }) => {
  const t = tag();
  const residentName = `Chloé Vidal ${t}`;
  const merchant = await signedIn(browser, DEMO.merchant);
  const before = await unreadBadge(merchant.page);

  // The resident (new in Les Canuts) opens the primeur and writes.
  const resident = await newCanutsResident(browser, residentName);
  const id = await messageShop(resident.page, "Primeur de la Croix-Rousse");
  const first = `Bonjour, avez-vous des coings cette semaine ? (${t})`;
  await send(resident.page, first);
  const mine = messageWith(resident.page, first);
  await expect(mine).toHaveAttribute("data-mine", "true");
  // The shopkeeper's browser is online: delivered (not yet read).
  await expect(mine.getByTestId("tick")).toHaveAttribute("data-state", "delivered");

  // The shopkeeper's badge goes up without a reload.
  await expect(navBadge(merchant.page)).toHaveText(String(before + 1));
  await merchant.page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: /^Messages/ }).click();
  const item = merchant.page.getByTestId("inbox-item").filter({ hasText: residentName });
  await expect(item).toContainText(first);
  await expect(item.getByLabel("1 unread message")).toHaveText("1");
  await item.click();
  await expect(merchant.page).toHaveURL(new RegExp(`/messages/${id}$`));
  await expect(messageWith(merchant.page, first)).toHaveAttribute("data-mine", "false");
  await waitLive(merchant.page);

  // Seen: the resident's tick turns "read", the shopkeeper's badge goes back down.
  await expect(mine.getByTestId("tick")).toHaveAttribute("data-state", "read");
  await expect(mine.getByTestId("tick")).toContainText("Read");
  if (before === 0) await expect(navBadge(merchant.page)).toHaveCount(0);
  else await expect(navBadge(merchant.page)).toHaveText(String(before));

  // The shopkeeper types: the resident sees "typing…"; the reply arrives live and ends it.
  await composer(merchant.page).fill("Oui, du Vaucluse");
  await expect(resident.page.getByTestId("typing")).toHaveText("typing…");
  const reply = `Oui, des coings du Vaucluse, 4,20 € le kilo. (${t})`;
  await send(merchant.page, reply);
  await expect(messageWith(resident.page, reply)).toHaveAttribute("data-mine", "false");
  await expect(resident.page.getByTestId("typing")).toHaveCount(0);
  await expect(messageWith(merchant.page, reply).getByTestId("tick")).toHaveAttribute("data-state", "read");

  // Both reload: the history is there, in order.
  await Promise.all([resident.page.reload(), merchant.page.reload()]);
  for (const page of [resident.page, merchant.page]) {
    await expect(page.getByTestId("messages").getByTestId("message-text")).toHaveText([first, reply]);
    await waitLive(page);
  }
  await expect(messageWith(resident.page, first).getByTestId("tick")).toHaveAttribute("data-state", "read");

  // The resident's connection drops.
  await resident.ctx.setOffline(true);
  await expect(resident.page.getByTestId("live-status")).toHaveAttribute("data-connected", "false");
  await expect(resident.page.getByText("You are offline. Messages will be sent when the connection is back.")).toBeVisible();

  // Meanwhile the shopkeeper sends two messages, and the resident writes one (it waits).
  const missed = [`Je vous en garde 2 kg ? (${t})`, `Ils arrivent vendredi matin. (${t})`];
  for (const text of missed) {
    await send(merchant.page, text);
    await expect(messageWith(merchant.page, text).getByTestId("tick")).toHaveAttribute("data-state", /sent|delivered/);
  }
  const offline = `Oui merci, 2 kg ! (${t})`;
  await send(resident.page, offline);
  const pending = resident.page.getByTestId("pending-message").filter({ hasText: offline });
  await expect(pending).toHaveCount(1);
  await expect(pending.getByTestId("tick")).toHaveAttribute("data-state", "sending");
  await expect(pending).toContainText("Sending…");
  for (const text of missed) await expect(messageTexts(resident.page, text)).toHaveCount(0);

  // Back online: the two missed messages arrive once each, the waiting one is delivered once.
  await resident.ctx.setOffline(false);
  await waitLive(resident.page);
  for (const text of missed) await expect(messageTexts(resident.page, text)).toHaveCount(1);
  await expect(resident.page.getByTestId("pending-message")).toHaveCount(0);
  await expect(messageWith(resident.page, offline)).toHaveAttribute("data-mine", "true");
  await expect(messageTexts(merchant.page, offline)).toHaveCount(1);
  await expect(messageWith(merchant.page, offline)).toHaveAttribute("data-mine", "false");
  // The resident's page is at the bottom and visible: it reads them, and its message is read.
  await expect(messageWith(merchant.page, missed[1]!).getByTestId("tick")).toHaveAttribute("data-state", "read");
  await expect(messageWith(resident.page, offline).getByTestId("tick")).toHaveAttribute("data-state", "read");

  // Still exactly once each, and the same order on both sides (sequence numbers unique).
  const expected = [first, reply, ...missed, offline];
  for (const page of [resident.page, merchant.page]) {
    await expect(page.getByTestId("messages").getByTestId("message-text")).toHaveText(expected);
    const seqs = await page.getByTestId("messages").getByTestId("message").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-seq"))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  }
  // And after a reload, the server's history agrees.
  await resident.page.reload();
  await expect(resident.page.getByTestId("messages").getByTestId("message-text")).toHaveText(expected);
  await openConversation(merchant.page, id);
  await expect(merchant.page.getByTestId("messages").getByTestId("message-text")).toHaveText(expected);

  await Promise.all([resident.ctx.close(), merchant.ctx.close()]);
});
