// Screenshots of every page, per role, at phone and desktop width, in French and English,
// for looking at what we build: `node --import tsx scripts/screenshots.ts [baseUrl] [outDir]`.
// Needs a running server with the demo data.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import superjson from "superjson";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "test-results/screens";
mkdirSync(out, { recursive: true });

const ROLES: Record<string, { email: string; pages: string[] }> = {
  anon: { email: "", pages: ["/", "/sign-in", "/sign-up", "/no-such-page", "/account-deleted?on=2026-12-14"] },
  resident: { email: "resident@quartier.test", pages: ["/home", "/bills", "/bills!bill-check!pay-open", "/bills!select-all!pay-open", "/bills?tab=paid", "/wallet", "/wallet/RECEIPT", "/notifications", "/notifications/settings", "/shops", "/shops/SHOP", "/shops/SHOP!add", "/parking", "/parking#map", "/repairs?category=plumbing", "/REPAIRSLOTS", "/REPAIRBOOKING", "/repairs/common", "/notices", "/notices?view=archive", "/NOTICE", "/NOTICEPRINT", "/orders", "/messages", "/messages/CONV", "/account", "/bills?pay=all-due", "/more"] },
  // Someone who just signed up and has no home yet: the home's first run (join), and the account page.
  newcomer: { email: "SIGN-UP", pages: ["/home", "/account"] },
  // A new resident of Les Canuts with €5 in the wallet: the checkout (three products added) and a
  // shop's QR link (€12.50) say what is missing and offer to top it up and order / pay.
  shortResident: { email: "SIGN-UP-SHORT", pages: ["/shops/SHOP!add!add!add!checkout-open", "/QRLINK"] },
  merchant: { email: "merchant@quartier.test", pages: ["/home", "/more", "/shop", "/shop?tab=catalogue", "/shop?tab=qr", "/shop?tab=promotions", "/shop?tab=details", "/messages", "/messages/CONV", "/notifications"] },
  // A shopkeeper who also lives in a building: the staff home, then the resident's.
  shopkeeperResident: { email: "merchant3@quartier.test", pages: ["/home"] },
  // A shopkeeper who has not opened a shop yet (the onboarding journey opens one: shoot it before).
  newMerchant: { email: "merchant4@quartier.test", pages: ["/home"] },
  // A neighbour who gets the Primeur's and the bakery's offers (demo data): the opt-in toggle ticked, the list on /shops.
  neighbour: { email: "claire.dubois@quartier.test", pages: ["/shops", "/shops/SHOP"] },
  // A repair service and, once the second-shop journey has run, a shop beside it: the switcher.
  garage: { email: "garage@quartier.test", pages: ["/shop", "/shop?new=1"] },
  repairer: { email: "plumber@quartier.test", pages: ["/home", "/shop", "/shop?tab=agenda", "/shop?tab=settings", "/REPAIRJOB"] },
  admin: { email: "admin@quartier.test", pages: ["/home", "/more", "/admin/shops", "/admin/reports", "/admin/parking", "/parking/manage", "/admin/people", "/admin/people?q=mor", "/admin/people/VICTOR", "/admin/people/JULIEN", "/admin/people/JULIEN!suspend-shop", "/admin/audit"] },
  manager: { email: "manager@quartier.test", pages: ["/home", "/more", "/buildings", "/buildings/FIRST", "/buildings/FIRST?tab=bills", "/buildings/CANUTS?tab=bills&view=overview", "/buildings/CANUTS?tab=bills&view=issue", "/buildings/CANUTS?tab=bills&view=import", "/buildings/CANUTS?tab=bills&view=list", "/buildings/CANUTS?tab=units", "/wallet", "/parking", "/parking/manage", "/buildings/FIRST?tab=commonRepairs", "/buildings/CANUTS?tab=notices", "/buildings/CANUTS/notices/new!template-water", "/MNOTICE", "/notifications"] },
};

async function signIn(page: Page, email: string) {
  if (email === "SIGN-UP") return signUp(page);
  if (email === "SIGN-UP-SHORT") {
    await signUp(page);
    await trpc(page, "buildings.joinWithCode", { code: "CANU-TS24" }, true);
    await trpc(page, "wallet.topUp", { amount: 500, idempotencyKey: `shots-${Date.now().toString(36)}` }, true);
    return;
  }
  // Under `npm run dev` the first session after a start is sometimes dropped while Next
  // compiles; sign in again until a page load keeps it.
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto(`${base}/sign-in`);
    await page.locator('input[type="email"]').fill(email);
    await page.locator('input[autocomplete="current-password"]').fill("quartier-demo");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === "/home");
    await page.waitForLoadState("networkidle");
    await page.goto(`${base}/wallet`);
    if (new URL(page.url()).pathname === "/wallet") return;
  }
  throw new Error(`could not sign in as ${email}`);
}

/** A new account (no home yet), through the sign-up form. */
async function signUp(page: Page) {
  await page.goto(`${base}/sign-up`);
  await page.locator('input[autocomplete="name"], input[name="name"]').first().fill("Lina Morel");
  await page.locator('input[type="email"]').fill(`newcomer-${Date.now().toString(36)}@example.test`);
  await page.locator('input[autocomplete="new-password"]').first().fill("a-good-password");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === "/home");
}

/** tRPC over HTTP with the page's session (superjson, like the browser's client). */
async function trpc<T>(page: Page, path: string, input?: unknown, isMutation = false): Promise<T> {
  const res = isMutation
    ? await page.request.post(`${base}/api/trpc/${path}`, { data: superjson.serialize(input), headers: { "content-type": "application/json" } })
    : await page.request.get(`${base}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`}`);
  const body = (await res.json()) as { result?: { data: Parameters<typeof superjson.deserialize>[0] } };
  if (!body.result) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body)}`);
  return superjson.deserialize<T>(body.result.data);
}

/** A fresh €12.50 payment link of the demo merchant's first shop (links expire after 10 minutes). */
async function qrLink(): Promise<string> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, ROLES.merchant!.email);
  const [shop] = await trpc<{ id: string }[]>(page, "shops.manage.list");
  const qr = await trpc<{ path: string }>(page, "qr.manage.create", { shopId: shop!.id, amount: 1250, label: "Panier de légumes" }, true);
  await ctx.close();
  return qr.path;
}

/**
 * Notices for the resident's pages: the demo data's when Les Canuts has some, otherwise two
 * posted by its manager through the API (a water cut with its window, an urgent one for the banner).
 */
async function ensureNotices() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, ROLES.manager!.email);
  const targets = await trpc<{ id: string; name: string }[]>(page, "notices.manage.targets");
  const canuts = targets.find((b) => b.name.includes("Les Canuts")) ?? targets[0];
  if (canuts && (await trpc<unknown[]>(page, "notices.manage.list", { buildingId: canuts.id })).length === 0) {
    const at = (days: number, hour: number) => {
      const d = new Date();
      d.setUTCDate(d.getUTCDate() + days);
      d.setUTCHours(hour, 0, 0, 0);
      return d;
    };
    const to = [{ buildingId: canuts.id, staircase: "" }];
    await trpc(page, "notices.manage.create", { targets: to, category: "water", title: "Coupure d'eau générale mardi matin", body: "La Métropole remplace une vanne sur le réseau de la rue.\n\n- Remplissez une bouilloire la veille\n- Gardez les robinets fermés pendant la coupure\n\nMerci de votre compréhension.", startsAt: at(2, 7), endsAt: at(2, 11), pinned: true }, true);
    await trpc(page, "notices.manage.create", { targets: to, category: "lift", urgency: "urgent", title: "Ascenseur de l'escalier A à l'arrêt : ne pas l'utiliser", body: "Un technicien intervient **aujourd'hui**. Ne forcez pas les portes.\n\nEn cas de besoin : 04 78 00 00 00." }, true);
    await trpc(page, "notices.manage.create", { targets: to, category: "event", title: "Fête des voisins dans la cour", body: "Apportez un plat à partager !", startsAt: at(10, 16), endsAt: at(10, 20) }, true);
  }
  await ctx.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
await ensureNotices();
for (const locale of ["fr", "en"]) {
  for (const [width, height, label] of [[390, 844, "phone"], [1280, 860, "desktop"]] as const) {
    for (const [role, { email, pages: all }] of Object.entries(ROLES)) {
      // SCREENS=messages,reports takes only pages whose path contains one of those words.
      const only = process.env.SCREENS?.split(",");
      const pages = only ? all.filter((p) => only.some((w) => p.includes(w))) : all;
      if (!pages.length) continue;
      const ctx = await browser.newContext({ viewport: { width, height }, locale, extraHTTPHeaders: { "accept-language": locale } });
      const page = await ctx.newPage();
      if (email) await signIn(page, email);
      for (const spec of pages) {
        // "#tab" clicks that in-page tab after loading (parking's map/list; the URL tabs of /shop,
        // /buildings/<id> and /bills are opened with "?tab=" like any link), "!testid" clicks that element; FIRST / RECEIPT stand
        // for the first building / movement, CANUTS for Les Canuts, MNOTICE for its urgent lift notice (the
        // manager's page), NOTICE / NOTICEPRINT for the resident's first notice with a window / its printable version.
        // Several "!testid" are pressed in turn, from the keyboard (Space on the focused first
        // match), so that focus rings show as a keyboard user sees them.
        const [beforeClick, ...clicks] = spec.split("!") as [string, ...string[]];
        const click = clicks.join("-") || undefined;
        const [first, tab] = beforeClick.split("#") as [string, string | undefined];
        let p = first;
        if (p.includes("CANUTS") || p.includes("MNOTICE")) {
          await page.goto(`${base}/buildings`);
          const canuts = (await page.locator('[data-testid="building-list"] a', { hasText: "Canuts" }).first().getAttribute("href"))!;
          p = p.replace("/buildings/CANUTS", canuts);
          if (p.includes("MNOTICE")) {
            await page.goto(`${base}${canuts}?tab=notices`);
            p = (await page.locator('[data-testid="manager-notice"][data-title^="Ascenseur"] a').first().getAttribute("href"))!;
          }
        }
        if (p.includes("/admin/people/")) {
          // VICTOR: the suspended demo account; JULIEN: the merchant with a shop.
          await page.goto(`${base}/admin/people?q=${p.includes("VICTOR") ? "victor" : "julien"}`);
          // (The query only names the file: two person pages would otherwise share one.)
          p = `${(await page.locator('[data-testid="person"] a').first().getAttribute("href"))!}?who=${p.includes("VICTOR") ? "victor" : "julien"}`;
        }
        if (p.includes("FIRST")) {
          await page.goto(`${base}/buildings`);
          const href = await page.locator('[data-testid="building-list"] a').first().getAttribute("href");
          p = p.replace("/buildings/FIRST", href!);
        }
        if (p.includes("SHOP")) {
          await page.goto(`${base}/shops`);
          p = (await page.locator('[data-testid="shop-list"] a').first().getAttribute("href"))!;
        }
        if (p.includes("CONV")) {
          await page.goto(`${base}/messages`);
          p = (await page.locator('[data-testid="inbox-item"]').first().getAttribute("href"))!;
        }
        if (p.includes("REPAIRSLOTS")) {
          await page.goto(`${base}/repairs?category=plumbing`);
          p = (await page.locator('[data-testid="repairer"] a[href^="/repairs/book"]').last().getAttribute("href"))!;
        }
        if (p.includes("REPAIRBOOKING")) {
          await page.goto(`${base}/repairs`);
          p = (await page.locator('[data-testid="booking"]').first().getAttribute("href"))!;
        }
        if (p.includes("REPAIRJOB")) {
          await page.goto(`${base}/shop`);
          p = (await page.locator('[data-testid="repair-request"] a[href^="/shop/repairs/"]').first().getAttribute("href"))!;
        }
        if (p.includes("NOTICE")) {
          // The first notice with a disruption window (else the first one), or its printable version.
          await page.goto(`${base}/notices`);
          await page.locator('[data-testid="notice-card"]').first().waitFor();
          const withWindow = page.locator('[data-testid="notice-card"]:has([data-testid="notice-window"])');
          const href = (await ((await withWindow.count()) ? withWindow : page.locator('[data-testid="notice-card"]')).first().getAttribute("href"))!;
          p = p.includes("NOTICEPRINT") ? `${href}/print` : href;
        }
        if (p.includes("QRLINK")) p = await qrLink();
        if (p.includes("RECEIPT")) {
          await page.goto(`${base}/wallet`);
          p = (await page.locator('[data-testid="movements"] a').first().getAttribute("href"))!;
        }
        await page.goto(base + p);
        // A page that keeps a request open (a live poll) is shot after 10 s anyway.
        await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => console.warn(`${p}: network still busy after 10 s`));
        if (tab) {
          // Tabs that a wide screen shows side by side are not there to click.
          const tabButton = page.locator(`#tab-${tab}`);
          if (await tabButton.isVisible()) await tabButton.click();
          await page.waitForLoadState("networkidle");
          await page.waitForTimeout(400);
        }
        for (const id of clicks) {
          await page.getByTestId(id).first().focus();
          await page.keyboard.press("Space");
          await page.waitForTimeout(400);
        }
        const query = p.split("?")[1]?.replace(/[^a-z0-9]+/gi, "-");
        const file = path.join(out, `${locale}-${label}-${role}-${p.split("?")[0]!.replace(/\//g, "_").replace(/^_pay_.*/, "_pay_id").replace(/_[a-z0-9]{20,}/g, "_id")}${tab ? `-${tab}` : ""}${query ? `-${query}` : ""}${click ? `-${click}` : ""}.png`);
        // After key presses (an open dialog, a focused control) the screen is shot as it shows:
        // a full-page shot would stretch the viewport under fixed and sticky parts.
        await page.screenshot({ path: file, fullPage: clicks.length === 0 });
        console.log(file);
      }
      await ctx.close();
    }
  }
}
await browser.close();
