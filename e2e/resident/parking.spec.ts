// Parking near home, as a resident would use it: with the map's tiles unreachable, the list
// and the markers still show and agree; filters narrow both; search works with the map
// hidden; a count set by the building's manager reaches the open page live; favourites.
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

/** Map tiles never load here (no tile server reachable): the page must not need them. */
async function blockTiles(page: Page) {
  await page.route(/tile\.openstreetmap\.org|\/tiles?\//, (route) => route.abort());
}

const list = (page: Page) => page.getByTestId("place-list").getByTestId("place");

async function openParking(page: Page) {
  await blockTiles(page);
  await signIn(page, DEMO.resident);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Parking", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Parking" })).toBeVisible();
  await expect(page.getByText("Places to park near Résidence Les Canuts")).toBeVisible();
  await expect(list(page).first()).toBeVisible();
}

/** Distances as shown ("350 m", "1.2 km"), in metres. */
async function distances(page: Page) {
  const all = await list(page).evaluateAll((items) => items.map((li) => li.querySelector("p.small.muted")?.textContent ?? ""));
  return all.map((line) => {
    const m = /([\d.,]+)\s*(m|km)\b/.exec(line);
    if (!m) throw new Error(`no distance in "${line}"`);
    const n = Number(m[1]!.replace(",", "."));
    return m[2] === "km" ? n * 1000 : n;
  });
}

test("places near home on a list and a map without tiles; filters narrow both; search works without the map", async ({ page }) => {
  await openParking(page);
  const count = await list(page).count();
  expect(count).toBeGreaterThan(20);
  // Nearest first.
  const d = await distances(page);
  expect([...d].sort((a, b) => a - b)).toEqual(d);
  // The stale feed shows no number, and says why.
  const stale = list(page).filter({ hasText: "Parking Cuire" });
  await expect(stale.getByTestId("place-free")).toContainText("Free spaces unknown");
  await expect(stale.getByTestId("place-age")).toContainText("count too old");
  await expect(stale).toHaveAttribute("data-availability", "unknown");

  // The map (wide screen: beside the list) shows markers, without any tile.
  const map = page.getByTestId("parking-map");
  await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();

  // EV charging: fewer places, each with chargers; the map follows.
  await page.getByRole("button", { name: "EV charging" }).click();
  await expect(async () => {
    const n = await list(page).count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(count);
    expect(await list(page).filter({ hasText: /EV chargers/ }).count()).toBe(n);
  }).toPass();
  const evCount = await list(page).count();
  await expect(page.getByTestId("parking-count")).toHaveText(`${evCount} place${evCount > 1 ? "s" : ""}`);
  await page.getByRole("button", { name: "EV charging" }).click();
  await expect(list(page)).toHaveCount(count);

  // Keyboard only: type a search, reach the place's star with Tab, press it, and again to undo.
  await page.getByLabel("Search a place or street").focus();
  await page.keyboard.type("terreaux");
  await expect(list(page)).toHaveCount(1);
  const star = list(page).first().getByRole("button", { name: /favourites$/ });
  const wasStarred = (await star.getAttribute("aria-pressed")) === "true";
  for (let i = 0; i < 40 && !(await star.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(star).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(star).toHaveAttribute("aria-pressed", String(!wasStarred));
  await expect(star).toBeFocused();
  await page.keyboard.press("Space");
  await expect(star).toHaveAttribute("aria-pressed", String(wasStarred));
  // "Show on map" is the next stop and selects the place.
  await page.keyboard.press("Tab");
  await expect(list(page).first().getByRole("button", { name: "Show on map" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(list(page).first()).toHaveClass(/is-selected/);
  await page.getByLabel("Search a place or street").fill("");
  await expect(list(page)).toHaveCount(count);

  // Search by name with the map hidden.
  await page.setViewportSize({ width: 390, height: 844 });
  // "Show on map" chose the map tab; back to the list.
  await expect(page.getByRole("tab", { name: "Map" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tab", { name: "List" }).click();
  await expect(page.getByRole("tab", { name: "List" })).toHaveAttribute("aria-selected", "true");
  await expect(map).toBeHidden();
  await page.getByLabel("Search a place or street").fill("terreaux");
  await expect(list(page)).toHaveCount(1);
  await expect(list(page).first()).toContainText("Parking Terreaux");
  await page.getByLabel("Search a place or street").fill("zzz-nothing");
  await expect(page.getByText("No place matches")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(list(page)).toHaveCount(count);
  // The map tab on a phone.
  await page.getByRole("tab", { name: "Map" }).click();
  await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();
  await expect(page.getByTestId("place-list")).toBeHidden();
});

test("a count set by the building's manager reaches the open page live; a favourite asks to be told when it frees up", async ({ page, browser }) => {
  await openParking(page);
  await waitLive(page);
  const mine = list(page).filter({ hasText: "Résidence Les Canuts — parking des résidents" });
  await expect(mine).toBeVisible();

  // Star it, and ask to be told when it frees up once it is full.
  const starButton = mine.getByRole("button", { name: /^(Add Résidence Les Canuts .* to|Remove Résidence Les Canuts .* from) favourites$/ });
  if ((await starButton.getAttribute("aria-pressed")) === "true") await starButton.click(); // a retry starts clean
  await expect(starButton).toHaveAccessibleName(/^Add .* to favourites$/);
  await starButton.click();
  await expect(starButton).toHaveAttribute("aria-pressed", "true");
  await expect(starButton).toHaveAccessibleName(/^Remove .* from favourites$/);

  // The manager, elsewhere, sets the spaces on the operator page; a count over the capacity is refused first.
  const ctx = await browser.newContext({ locale: "en-GB" });
  const manager = await ctx.newPage();
  await signIn(manager, DEMO.manager);
  await manager.goto("/parking");
  await manager.getByRole("link", { name: "Set free spaces" }).click();
  const operated = manager.getByTestId("operated-place").filter({ hasText: "Résidence Les Canuts — parking des résidents" });
  const capacity = Number(/(\d+) spaces/.exec((await operated.textContent()) ?? "")![1]);
  const field = operated.getByLabel("Free spaces now");
  const setFree = async (n: number) => {
    await field.fill(String(n));
    await operated.getByRole("button", { name: "Save" }).click();
    await expect(operated.getByRole("status")).toHaveText("Saved: residents see it now.");
  };
  await field.fill(String(capacity + 1));
  await expect(operated.getByRole("button", { name: "Save" })).toBeDisabled();
  await expect(operated.getByText(`Between 0 and ${capacity}`)).toBeVisible();
  const place = { capacity };

  await operated.getByRole("button", { name: "Mark full" }).click();
  await expect(operated.getByRole("status")).toHaveText("Saved: residents see it now.");
  await expect(mine.getByTestId("place-free")).toContainText(`0 of ${place.capacity} free`);
  await expect(mine).toHaveAttribute("data-availability", "full");
  await expect(mine.getByTestId("place-age")).toContainText(/updated (now|\d+ seconds? ago)/);
  await mine.getByRole("button", { name: /^Tell me when .* has free spaces$/ }).click();
  await expect(mine.getByRole("button", { name: /^Tell me when .* has free spaces$/ })).toHaveAttribute("aria-pressed", "true");

  await setFree(5);
  await expect(mine.getByTestId("place-free")).toContainText(`5 of ${place.capacity} free`);
  await expect(mine).toHaveAttribute("data-availability", /free|almostFull/);
  // Told once, through the notification centre.
  await page.goto("/notifications");
  await expect(page.getByText(/Résidence Les Canuts — parking des résidents has 5 free spaces again\./).first()).toBeVisible();
  await ctx.close();
});

test("an admin gives LPA a feed key; a batch sent with it changes the resident's open page live", async ({ page, browser, playwright }) => {
  await openParking(page);
  await waitLive(page);
  await page.getByLabel("Search a place or street").fill("Parking Terreaux");
  const terreaux = list(page).filter({ hasText: "Parking Terreaux" });
  await expect(terreaux).toHaveCount(1);

  const ctx = await browser.newContext({ locale: "en-GB" });
  const admin = await ctx.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/parking");
  await admin.getByRole("link", { name: "Places, operators and keys" }).click();
  const lpa = admin.getByTestId("operator").filter({ has: admin.getByRole("heading", { name: "LPA", exact: true }) });
  await lpa.getByPlaceholder("Key label (e.g. sensors)").fill(`e2e ${Date.now()}`);
  await lpa.getByRole("button", { name: "New key" }).click();
  const key = (await lpa.getByTestId("new-key").locator("code").textContent())!.trim();
  expect(key).toMatch(/^qpk_[0-9a-f]{8}_[0-9a-f]{32}$/);

  // The operator's system, elsewhere: one good item, one refused.
  const feed = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const capacity = Number(/of (\d+) free|(\d+)/.exec((await terreaux.getByTestId("place-free").textContent()) ?? "")?.[1] ?? 720);
  const free = capacity - 7;
  const res = await feed.post("/api/parking/occupancy", {
    headers: { authorization: `Bearer ${key}` },
    data: { items: [{ externalId: "garage-7", free, observedAt: new Date().toISOString() }, { externalId: "garage-7", free: capacity + 1, observedAt: new Date().toISOString() }] },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ applied: 1, rejected: [{ index: 1 }] });
  await expect(terreaux.getByTestId("place-free")).toContainText(`${free} of ${capacity} free`);
  await expect(terreaux.getByTestId("place-age")).toContainText(/updated (now|\d+ seconds? ago)/);
  // Without the key, refused.
  expect((await feed.post("/api/parking/occupancy", { data: { items: [] } })).status()).toBe(401);
  await feed.dispose();
  await ctx.close();
});
