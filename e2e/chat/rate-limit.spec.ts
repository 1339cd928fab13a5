// The sending limit (20 messages per 10 s per person): the 21st is refused with a clear
// message and kept as "Not sent"; once the wait is over, Retry sends it, once.
import { expect, test } from "../fixtures";
import { composer, DEMO_CLAIRE, DEMO_MERCHANT2, messageShop, messageTexts, openConversation, sendButton, signedIn, tag } from "./helpers";

test("over 20 messages in 10 s the next one is refused, then Retry sends it once", async ({ browser }) => {
  const t = tag();
  // Claire (Les Canuts) and Eau & Co: a conversation no other journey writes in.
  const [resident, merchant] = await Promise.all([signedIn(browser, DEMO_CLAIRE), signedIn(browser, DEMO_MERCHANT2)]);
  const id = await messageShop(resident.page, "Eau & Co");
  await openConversation(merchant.page, id);

  const texts = Array.from({ length: 21 }, (_, i) => `Message ${i + 1} (${t})`);
  // All 21 must fall within the same 10 s, also on a busy 2-core machine: typed and sent
  // with Enter inside the page (the same input and keydown events a person makes), not one
  // browser round trip per keystroke, once the chat is ready.
  await composer(resident.page).fill(texts[0]!);
  await expect(sendButton(resident.page)).toBeEnabled();
  await composer(resident.page).evaluate(async (el: HTMLTextAreaElement, all: string[]) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
    const tick = () => new Promise((r) => setTimeout(r, 0));
    for (const text of all) {
      setValue.call(el, text);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      await tick();
      el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      await tick();
    }
  }, texts);
  await expect(composer(resident.page)).toHaveValue("");
  const last = texts.at(-1)!;
  const failed = resident.page.getByTestId("pending-message").filter({ hasText: last });
  await expect(failed.getByTestId("tick")).toHaveAttribute("data-state", "failed");
  await expect(failed).toContainText("Not sent");
  await expect(failed.getByRole("alert")).toContainText(/^You are sending too fast\. Wait \d+ s, then retry\./);
  await expect(resident.page.getByTestId("pending-message")).toHaveCount(1);
  // The first 20 went through, in order; the refused one did not.
  await expect(messageTexts(merchant.page, texts[19]!)).toHaveCount(1);
  await expect(messageTexts(merchant.page, last)).toHaveCount(0);

  // Retry until the wait is over (a refused retry costs nothing).
  await expect(async () => {
    const retry = failed.getByRole("button", { name: "Retry" });
    if (await retry.count()) await retry.click();
    await expect(failed).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000, intervals: [1_000] });
  await expect(messageTexts(resident.page, last)).toHaveCount(1);
  await expect(messageTexts(merchant.page, last)).toHaveCount(1);
  const onMerchant = await merchant.page.getByTestId("messages").getByTestId("message-text").allTextContents();
  expect(onMerchant.slice(-21)).toEqual(texts);

  await Promise.all([resident.ctx.close(), merchant.ctx.close()]);
});
