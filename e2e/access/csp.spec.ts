// Every page carries a Content-Security-Policy with a fresh nonce, Next's scripts carry it,
// and a script injected without it does not run. (This file uses Playwright's own `test`:
// the violation it provokes on purpose would fail the shared fixtures' CSP guard, which every
// other journey runs under.)
import { expect, test } from "@playwright/test";

test("pages carry a nonce-based policy and an injected script does not run", async ({ page }) => {
  const response = await page.goto("/sign-in");
  const policy = response!.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("'strict-dynamic'");
  // A new nonce per response.
  const again = (await page.request.get("/sign-in")).headers()["content-security-policy"];
  expect(again).not.toBe(policy);
  // Next's own scripts carry this response's nonce, and the page works (the form is live).
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  // Markup injected with a handler (the classic XSS) does not run it: refused and reported.
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string }>((resolve) => {
        document.addEventListener("securitypolicyviolation", (e) => setTimeout(() => resolve({ ran: Boolean((window as unknown as { injected?: boolean }).injected), violated: e.violatedDirective }), 100), { once: true });
        const div = document.createElement("div");
        div.innerHTML = '<img src="/no-such-image.png" onerror="window.injected = true">';
        document.body.appendChild(div);
      }),
  );
  expect(outcome).toEqual({ ran: false, violated: "script-src-attr" });
});
