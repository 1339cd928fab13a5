// Two production instances share one database and Redis: a change made through instance A
// reaches a browser connected to instance B, through the socket.io Redis adapter.
import { expect, signIn, signUp, test, uniqueEmail, waitLive, DEMO } from "../fixtures";

const A = "http://localhost:3101";
const B = "http://localhost:3102";

test("an approval on instance A reaches the resident's open page on instance B", async ({ browser }) => {
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  const name = `Cross ${Date.now().toString(36)}`;
  await signUp(resident, { name, email: uniqueEmail("cross") }, B);
  await resident.getByLabel("Building").selectOption({ label: "Tour Belvédère — 3 place Bellevue, Lyon" });
  await resident.getByLabel("Unit").selectOption({ label: "Door 303 · floor 3" });
  await resident.getByRole("button", { name: "Send request" }).click();
  await expect(resident.getByTestId("my-homes").getByText("Waiting for approval")).toBeVisible();
  await waitLive(resident);
  const pingB = await resident.evaluate(() => fetch("/api/health").then((r) => r.json()));

  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager, undefined, A);
  const pingA = await manager.evaluate(() => fetch("/api/health").then((r) => r.json()));
  expect(pingA.instance).not.toBe(pingB.instance);
  expect(pingA.redis?.ok).toBe(true);

  await manager.goto(`${A}/buildings`);
  await manager.getByRole("link", { name: /Tour Belvédère/ }).click();
  await manager.getByTestId("requests").getByRole("listitem").filter({ hasText: name }).getByRole("button", { name: "Approve" }).click();

  await expect(resident.getByText("You are now a resident of Tour Belvédère.")).toBeVisible();
  await expect(resident.getByTestId("my-homes").getByText("Resident", { exact: true })).toBeVisible();
  await Promise.all([residentCtx.close(), managerCtx.close()]);
});
