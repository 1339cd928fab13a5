// Safety: a resident reports a shop's message and an administrator handles it; a shop
// blocks a conversation (the resident's page closes the composer at once, without a
// reload) and unblocks it (the composer comes back and messages flow again).
import { DEMO, expect, test, waitLive } from "../fixtures";
import { composer, DEMO_CLAIRE, DEMO_HUGO, DEMO_MERCHANT2, DEMO_MERCHANT3, messageShop, messageTexts, messageWith, openConversation, send, sendButton, signedIn, tag } from "./helpers";

const OWN_LINE = "Bonjour, faites-vous des galettes des rois sans frangipane ?";

test("a reported message reaches the admin live, who marks it handled", async ({ browser }) => {
  // Three people in three browsers: near 45 s on a loaded 2-core machine.
  test.setTimeout(90_000);
  const t = tag();
  // Claire Dubois already talks with the bakery in the demo data. (Not Camille: a message to
  // her would add to the notifications another journey counts.)
  const [resident, merchant, admin] = await Promise.all([signedIn(browser, DEMO_CLAIRE), signedIn(browser, DEMO_MERCHANT3), signedIn(browser, DEMO.admin)]);
  await admin.page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Reports" }).click();
  await expect(admin.page.getByRole("heading", { name: "Reported messages" })).toBeVisible();
  await expect(admin.page.getByRole("tab", { name: "To review" })).toHaveAttribute("aria-selected", "true");

  const id = await messageShop(resident.page, "Boulangerie du Plateau");
  await expect(messageTexts(resident.page, OWN_LINE)).toHaveCount(1);
  await openConversation(merchant.page, id);

  // The shop sends something the resident finds out of place, and reports it.
  const spam = `Gagnez une brioche gratuite : envoyez votre code de carte à promo-boulangerie@example.com (${t})`;
  await send(merchant.page, spam);
  const bubble = messageWith(resident.page, spam);
  await expect(bubble).toHaveAttribute("data-mine", "false");
  await expect(messageWith(resident.page, OWN_LINE).getByRole("button", { name: "Report" })).toHaveCount(0); // not one's own
  await bubble.getByRole("button", { name: "Report" }).click();
  const form = resident.page.getByRole("form", { name: "Report this message" });
  await form.getByLabel("Reason").selectOption({ label: "Scam or fraud" });
  await form.getByLabel("Details (optional)").fill(`Asks for my card number (${t})`);
  await form.getByRole("button", { name: "Send the report" }).click();
  await expect(resident.page.getByText("Thank you. An administrator will look at it.")).toBeVisible();
  await expect(form).toHaveCount(0);

  // The admin's list shows it without a reload: the message alone, who sent it, who reported it, why.
  const report = admin.page.getByTestId("report").filter({ hasText: spam });
  await expect(report).toHaveCount(1);
  await expect(report).toContainText("Scam or fraud");
  await expect(report).toContainText("Sent by Boulangerie du Plateau");
  await expect(report).toContainText("Reported by Claire Dubois");
  await expect(report).toContainText(`Asks for my card number (${t})`);
  await expect(report.getByText(OWN_LINE)).toHaveCount(0); // only the reported message
  await report.getByRole("button", { name: "Mark handled" }).click();
  await expect(admin.page.getByText("Report updated")).toBeVisible();
  await expect(report).toHaveCount(0);
  await admin.page.getByRole("tab", { name: "Handled" }).click();
  await expect(admin.page.getByTestId("report").filter({ hasText: spam })).toContainText("Handled");
  // A new navigation agrees: not in "To review" any more.
  await admin.page.reload();
  await expect(admin.page.getByTestId("reports").or(admin.page.getByText("Nothing to review."))).toBeVisible();
  await expect(admin.page.getByTestId("report").filter({ hasText: spam })).toHaveCount(0);

  await Promise.all([resident.ctx.close(), merchant.ctx.close(), admin.ctx.close()]);
});

const HUGO_LINE = "J'en ai trois au 4e étage, bâtiment B.";

test("the shop blocks a conversation: the resident's composer goes away live; unblocking brings it back", async ({ browser }) => {
  const t = tag();
  // Hugo Bernard wrote to Eau & Co in the demo data.
  const [resident, merchant] = await Promise.all([signedIn(browser, DEMO_HUGO), signedIn(browser, DEMO_MERCHANT2)]);
  const id = await messageShop(resident.page, "Eau & Co");
  await expect(messageTexts(resident.page, HUGO_LINE)).toHaveCount(1);
  await openConversation(merchant.page, id);
  await expect(messageWith(merchant.page, HUGO_LINE)).toHaveAttribute("data-mine", "false");

  // The shop blocks the conversation: the resident's composer goes away at once.
  await merchant.page.getByRole("button", { name: "Block" }).click();
  await expect(merchant.page.getByRole("group", { name: /^Block Hugo Bernard\?/ })).toBeVisible();
  await merchant.page.getByRole("button", { name: "Confirm" }).click();
  await expect(merchant.page.getByText("Conversation blocked")).toBeVisible();
  await expect(merchant.page.getByTestId("blocked-note")).toHaveText("You blocked this conversation. Unblock it to send messages again.");
  await expect(composer(merchant.page)).toHaveCount(0);
  await expect(resident.page.getByTestId("blocked-note")).toHaveText("This conversation is closed to new messages.");
  await expect(composer(resident.page)).toHaveCount(0);
  await expect(sendButton(resident.page)).toHaveCount(0);
  await expect(resident.page.getByRole("button", { name: "Unblock" })).toHaveCount(0); // only the one who blocked can
  // Still blocked after a reload; the history stays readable.
  await resident.page.reload();
  await expect(resident.page.getByTestId("blocked-note")).toBeVisible();
  await expect(messageTexts(resident.page, HUGO_LINE)).toHaveCount(1);
  await expect(composer(resident.page)).toHaveCount(0);
  await waitLive(resident.page);

  // Unblocked: the composer comes back, live, and a message goes through.
  await merchant.page.getByRole("button", { name: "Unblock" }).click();
  await expect(merchant.page.getByText("Conversation unblocked")).toBeVisible();
  await expect(resident.page.getByTestId("blocked-note")).toHaveCount(0);
  await expect(composer(resident.page)).toBeVisible();
  await expect(composer(merchant.page)).toBeVisible();
  const after = `Pardon pour l'insistance, je voulais juste savoir pour les bonbonnes. (${t})`;
  await send(resident.page, after);
  await expect(messageWith(merchant.page, after)).toHaveAttribute("data-mine", "false");
  await expect(messageWith(resident.page, after).getByTestId("tick")).toHaveAttribute("data-state", "read");

  await Promise.all([resident.ctx.close(), merchant.ctx.close()]);
});
