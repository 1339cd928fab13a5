// "Export my data" (issue 16): a new resident asks for their data on the account page, sees
// it become ready live (built by the background job, announced by a socket event), downloads
// the ZIP (it holds manifest.json and their profile), and asking again the same day is
// refused with the time they may ask again, on the page and by the API.
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expect, signUp, test, uniqueEmail, waitLive } from "../fixtures";

test.use({ locale: "en-GB" });

test("a resident prepares their data, sees it ready live, downloads it, and cannot ask again the same day", async ({ page }) => {
  const email = uniqueEmail("export");
  await signUp(page, { name: "Export Tester", email });
  await page.goto("/account");
  await waitLive(page);
  const section = page.locator("#your-data");
  await expect(section.getByRole("heading", { name: "Your data" })).toBeVisible();
  const state = page.getByTestId("data-export-state");
  await expect(state).toHaveAttribute("data-status", "none");

  await page.getByTestId("data-export-prepare").click();
  await expect(page.getByText("We are preparing your data.")).toBeVisible();
  // The job builds it in the background; the page follows without a reload.
  await expect(state).toHaveAttribute("data-status", /queued|building|ready/);
  await expect(state).toHaveAttribute("data-status", "ready", { timeout: 25_000 });
  await expect(state).toContainText("Your data is ready. Available until");
  // One a day: no button, the next possible time instead.
  await expect(page.getByTestId("data-export-prepare")).toHaveCount(0);
  await expect(page.getByTestId("data-export-next")).toContainText("One export a day: you can ask for a new one from");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("data-export-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^quartier-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = unzipSync(readFileSync((await download.path())));
  expect(Object.keys(entries)).toContain("manifest.json");
  const manifest = JSON.parse(strFromU8(entries["manifest.json"]!)) as { schemaVersion: number; files: { name: string }[] };
  expect(manifest.schemaVersion).toBe(1);
  expect(manifest.files.map((f) => f.name)).toContain("messages.json");
  expect(JSON.parse(strFromU8(entries["profile.json"]!))).toMatchObject({ email, name: "Export Tester" });

  // Asking again through the API (as a second tab would) is refused with the time to ask again.
  const refused = await page.evaluate(async () => {
    const res = await fetch("/api/trpc/privacy.export.request", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    return { status: res.status, body: (await res.json()) as { error: { json: { data: { appCode: string; params: { at: number } } } } } };
  });
  expect(refused.status).toBe(429);
  expect(refused.body.error.json.data.appCode).toBe("EXPORT_TOO_SOON");
  expect(refused.body.error.json.data.params.at).toBeGreaterThan(Date.now() + 23 * 3_600_000);

  // The notification says it is ready.
  await page.goto("/notifications");
  await expect(page.getByText(/^Your data is ready to download until /)).toBeVisible();
});
