import { DEMO, expect, signIn, test } from "../fixtures";

test("anonymous visitors are sent to sign-in, and the API refuses them", async ({ page, request }) => {
  await page.goto("/home");
  await expect(page).toHaveURL(/\/sign-in$/);
  // Any other page is kept as the destination, to come back to after signing in.
  for (const path of ["/account", "/buildings"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=${encodeURIComponent(path)}$`));
  }
  const res = await request.get("/api/trpc/buildings.listMemberships");
  expect(res.status()).toBe(401);
});

test("a resident cannot open manager pages or call manager procedures", async ({ page }) => {
  await signIn(page, DEMO.resident);
  await expect(page.getByRole("navigation").getByRole("link", { name: /Buildings|Immeubles/ })).toHaveCount(0);
  await page.goto("/buildings");
  await expect(page).toHaveURL(/\/home$/);
  const res = await page.request.get("/api/trpc/buildings.manage.list");
  expect(res.status()).toBe(403);
  const body = await res.json();
  expect(JSON.stringify(body)).not.toContain("Canuts");
});

test("a socket without a session is refused", async ({ page }) => {
  await page.goto("/sign-in");
  const res = await page.request.get("/socket.io/?EIO=4&transport=polling");
  // Engine.io opens the transport; the socket.io namespace then refuses the connection.
  expect(res.status()).toBe(200);
  const refused = await page.evaluate(async () => {
    const r = await fetch("/socket.io/?EIO=4&transport=polling");
    const sid = JSON.parse((await r.text()).slice(1)).sid as string;
    await fetch(`/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: "POST", body: "40" });
    return await (await fetch(`/socket.io/?EIO=4&transport=polling&sid=${sid}`)).text();
  });
  expect(refused).toContain("UNAUTHENTICATED");
});
