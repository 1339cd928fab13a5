import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test("a resident asks to join; the manager sees it live and approves; the resident sees it live", async ({ browser }) => {
  const residentCtx = await browser.newContext({ locale: "fr-FR", extraHTTPHeaders: { "accept-language": "fr-FR" } });
  const resident = await residentCtx.newPage();
  const name = `Zoé ${Date.now().toString(36)}`;
  await signUp(resident, { name, email: uniqueEmail("zoe") });
  await waitLive(resident);

  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager);
  await manager.goto("/buildings");
  await manager.getByRole("link", { name: /Résidence Les Canuts/ }).click();
  await waitLive(manager);
  const requests = manager.getByTestId("requests");
  await expect(requests).toBeVisible(); // the seeded pending request
  await expect(requests.getByText(name)).toHaveCount(0);

  await resident.getByLabel("Immeuble").selectOption({ label: "Résidence Les Canuts — 12 rue d'Austerlitz, Lyon" });
  await resident.getByLabel("Logement").selectOption({ label: "Escalier B · Porte 402 · étage 4" });
  await resident.getByLabel("Message au gestionnaire").fill("Nouvelle locataire depuis lundi.");
  await resident.getByRole("button", { name: "Envoyer la demande" }).click();
  const homes = resident.getByTestId("my-homes");
  await expect(homes.getByText("En attente de validation")).toBeVisible();

  // Appears on the manager's open page without reload.
  const row = requests.getByRole("listitem").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByText("Nouvelle locataire depuis lundi.")).toBeVisible();
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(manager.getByText(`${name} is now a resident.`)).toBeVisible();
  await expect(row).toHaveCount(0);

  // And the resident's page turns without reload.
  await expect(resident.getByText("Vous êtes maintenant résident de Résidence Les Canuts.")).toBeVisible();
  await expect(homes.getByText("Résident", { exact: true })).toBeVisible();
  await Promise.all([residentCtx.close(), managerCtx.close()]);
});

test("a manager declines a request, and the resident is told", async ({ browser }) => {
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  const name = `Rex ${Date.now().toString(36)}`;
  await signUp(resident, { name, email: uniqueEmail("rex") });
  await resident.getByLabel("Building").selectOption({ label: "Le Clos Jacquard — 8 rue Jacquard, Lyon" });
  await resident.getByLabel("Unit").selectOption({ label: "Door 601 · floor 6" });
  await resident.getByRole("button", { name: "Send request" }).click();
  await expect(resident.getByTestId("my-homes").getByText("Waiting for approval")).toBeVisible();
  await waitLive(resident);

  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager);
  await manager.goto("/buildings");
  await manager.getByRole("link", { name: /Le Clos Jacquard/ }).click();
  await manager.getByTestId("requests").getByRole("listitem").filter({ hasText: name }).getByRole("button", { name: "Decline" }).click();
  await expect(resident.getByText("Your request for Le Clos Jacquard was declined.")).toBeVisible();
  await expect(resident.getByTestId("my-homes").getByText("Declined", { exact: true })).toBeVisible();
  await Promise.all([residentCtx.close(), managerCtx.close()]);
});
