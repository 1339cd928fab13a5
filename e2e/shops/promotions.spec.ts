// Merchant promotions (issue 14): a new neighbour asks for the Primeur's offers on its page;
// the merchant sees the reach, confirms and sends a promotion; the neighbour finds it in the
// notification centre, then stops the offers from the shops page.
import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, signUp, test, uniqueEmail } from "../fixtures";

test.use({ locale: "en-GB" });

test("a merchant sees the reach and sends a promotion; a resident who opted in gets it", async ({ browser }) => {
  const tag = randomBytes(2).toString("hex");
  const title = `Pumpkins −30 % ${tag}`;

  // A new resident of Les Canuts opts in on the Primeur's page.
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signUp(resident, { name: `Nora Petit ${tag}`, email: uniqueEmail(`promo${tag}`) });
  await resident.getByLabel("Invite code").fill("CANU-TS24");
  await resident.getByRole("button", { name: "Join", exact: true }).click();
  await expect(resident.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await resident.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Shops" }).click();
  await resident.getByRole("link", { name: /Primeur de la Croix-Rousse/ }).click();
  const toggle = resident.getByRole("checkbox", { name: "Get this shop's offers (at most 4 a month)" });
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toBeEnabled();
  await toggle.click();
  await expect(resident.getByText("You will get this shop's offers.")).toBeVisible();
  await expect(toggle).toBeChecked();

  // The merchant sees the reach before sending, confirms, and reads the result.
  const merchantCtx = await browser.newContext({ locale: "en-GB" });
  const merchant = await merchantCtx.newPage();
  await signIn(merchant, DEMO.merchant);
  await merchant.goto("/shop");
  await merchant.getByTestId("tabs").getByRole("link", { name: "Promotions" }).click();
  const willReceive = merchant.getByTestId("reach-will-receive");
  await expect(willReceive).toHaveText(/^\d+$/);
  const reach = Number(await willReceive.textContent());
  expect(reach).toBeGreaterThanOrEqual(1);
  await merchant.getByLabel("Title").fill(title);
  await expect(merchant.getByText(`${title.length} / 60 characters`)).toBeVisible();
  await merchant.getByLabel("Message").fill("Homemade soup squash, this week only.");
  await merchant.getByRole("button", { name: "Review before sending" }).click();
  const confirm = merchant.getByTestId("promo-confirm");
  await expect(confirm).toContainText(`Send “${title}” to`);
  await confirm.getByRole("button", { name: "Send" }).click();
  await expect(merchant.getByTestId("promo-result")).toContainText("Sent to");
  const past = merchant.getByTestId("promo-past").filter({ hasText: title });
  await expect(past).toBeVisible();
  await expect(past.getByTestId("sent-count")).toContainText("received by");

  // The resident finds it in the notification centre.
  await resident.goto("/notifications");
  await expect(resident.getByText(title)).toBeVisible();

  // And stops the offers from the shops page.
  await resident.goto("/shops");
  const row = resident.getByTestId("promo-optin").filter({ hasText: "Primeur de la Croix-Rousse" });
  await row.getByRole("button", { name: "Stop offers from Primeur de la Croix-Rousse" }).click();
  await expect(resident.getByText("You will no longer get this shop's offers.")).toBeVisible();
  await expect(row).toHaveCount(0);
  await Promise.all([residentCtx.close(), merchantCtx.close()]);
});
