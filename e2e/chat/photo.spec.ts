// A photo in the conversation: picked in the composer (preview, removable), sent alone or
// with a caption, shown on both sides (live, then after a reload) as an image that loads,
// opening full size in a new tab; the inbox says "Photo".
import sharp from "sharp";
import type { Locator } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_MATHIS, DEMO_MERCHANT2, messageShop, messageWith, openConversation, send, sendButton, signedIn, tag } from "./helpers";

const PHOTO_ALT = "Photo sent in the conversation";

async function expectLoadedPhoto(bubble: Locator) {
  const img = bubble.getByRole("img", { name: PHOTO_ALT });
  await expect(img).toBeVisible();
  await expect(img).toHaveAttribute("src", /^\/media\/photos\/[a-z0-9]+\.webp$/);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  const link = img.locator("xpath=ancestor::a[1]");
  await expect(link).toHaveAttribute("href", (await img.getAttribute("src"))!);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /noopener/);
}

test("a resident sends a photo, alone and with a caption; the shop sees both live and after a reload", async ({ browser }) => {
  const t = tag();
  // Mathis (Tour Belvédère) and Eau & Co, which delivers there.
  const [resident, merchant] = await Promise.all([signedIn(browser, DEMO_MATHIS), signedIn(browser, DEMO_MERCHANT2)]);
  const id = await messageShop(resident.page, "Eau & Co");
  await openConversation(merchant.page, id);
  const before = await resident.page.getByTestId("messages").getByTestId("message").count();

  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
  const input = resident.page.getByTestId("chat-photo-input");

  // Picked, previewed, removed: nothing to send.
  await input.setInputFiles({ name: "pack.png", mimeType: "image/png", buffer: png });
  const remove = resident.page.getByRole("button", { name: "Remove the photo" });
  await expect(remove).toBeVisible();
  await expect(sendButton(resident.page)).toBeEnabled();
  await remove.click();
  await expect(sendButton(resident.page)).toBeDisabled();

  // A photo with a caption.
  const caption = `Le pack est arrivé percé, regardez. (${t})`;
  await input.setInputFiles({ name: "pack.png", mimeType: "image/png", buffer: png });
  await expect(remove).toBeVisible();
  await send(resident.page, caption);
  await expectLoadedPhoto(messageWith(resident.page, caption));
  const bubbles = resident.page.getByTestId("messages").getByTestId("message");
  await expect(bubbles).toHaveCount(before + 1);

  // Then a photo alone.
  await input.setInputFiles({ name: "pack.png", mimeType: "image/png", buffer: png });
  await expect(remove).toBeVisible();
  await sendButton(resident.page).click();
  await expect(remove).toHaveCount(0);
  await expect(bubbles).toHaveCount(before + 2);
  const alone = bubbles.last();
  await expect(alone).toHaveAttribute("data-mine", "true");
  await expect(alone.getByTestId("message-text")).toHaveCount(0);
  await expectLoadedPhoto(alone);

  // The shop, live.
  const theirs = merchant.page.getByTestId("messages").getByTestId("message");
  await expect(theirs).toHaveCount(before + 2);
  await expect(messageWith(merchant.page, caption)).toHaveAttribute("data-mine", "false");
  await expectLoadedPhoto(messageWith(merchant.page, caption));
  await expectLoadedPhoto(theirs.last());
  await expect(theirs.last().getByTestId("message-text")).toHaveCount(0);
  await expect(alone.getByTestId("tick")).toHaveAttribute("data-state", "read");

  // After a reload, and in the shop's inbox (a photo alone is previewed as "Photo").
  await merchant.page.reload();
  await expect(theirs).toHaveCount(before + 2);
  await expectLoadedPhoto(messageWith(merchant.page, caption));
  await expectLoadedPhoto(theirs.last());
  await merchant.page.goto("/messages");
  await expect(merchant.page.getByTestId("inbox-item").filter({ hasText: "Mathis Robert" }).locator(".inbox-preview")).toHaveText("Photo");

  await Promise.all([resident.ctx.close(), merchant.ctx.close()]);
});
