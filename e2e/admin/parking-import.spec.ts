// An admin imports parking places from a GeoJSON file: a bad feature is shown by index and
// reason and nothing is imported; the fixed file's preview counts what will be created;
// confirming imports it; the place is then in the admin's places list, with its operator,
// and on a resident's parking page. In French, the same preview speaks French. With
// SHOTS_DIR set, the page is photographed at phone and desktop widths for a person to check.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, expect, signIn, test } from "../fixtures";


// Beside Résidence Les Canuts (45.7772, 4.8311), so it is among a resident's nearest places.
const feature = (id: string, name: string, props: Record<string, unknown>) => ({
  type: "Feature",
  geometry: { type: "Point", coordinates: [4.8312, 45.7773] },
  properties: { id, name, amenity: "parking", parking: "underground", opening_hours: "24/7", ...props },
});
const file = (features: unknown[]) => ({ name: "places.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })) });

test.describe("English", () => {
  test.use({ locale: "en-GB", extraHTTPHeaders: { "accept-language": "en-GB,en;q=0.9" } });
  test("an admin imports places from GeoJSON: a bad feature stops it, the fixed file previews and imports", async ({ page, browser }) => {
    // A long journey (two imports, a reload, a second person) on a shared 2-core machine.
    test.slow();
    const tag = randomBytes(3).toString("hex");
    const name = `Parking Import ${tag}`;
    const other = `Parking Voisin ${tag}`;
    await signIn(page, DEMO.admin);
    await page.goto("/admin/parking");
    await expect(page.getByRole("heading", { name: "Import places" })).toBeVisible();
    await page.getByLabel("Operator", { exact: true }).selectOption({ label: "LPA" });

    // Feature 1 has no capacity: nothing can be imported.
    await page.getByLabel("File", { exact: true }).setInputFiles(file([feature(`a-${tag}`, name, { capacity: 120 }), feature(`b-${tag}`, other, {})]));
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("1 place of 2 is invalid: nothing will be imported.")).toBeVisible();
    await expect(page.getByTestId("import-errors").getByRole("row", { name: /^1 / })).toContainText("capacity");
    await expect(page.getByTestId("import-confirm")).toHaveCount(0);
    await page.getByLabel("Search places by name").fill(tag);
    await expect(page.getByText("No place matches this search")).toBeVisible();

    // Fixed: two places to create.
    await page.getByLabel("File", { exact: true }).setInputFiles(file([feature(`a-${tag}`, name, { capacity: 120 }), feature(`b-${tag}`, other, { capacity: "40", opening_hours: "Mo-Sa 07:00-21:00" })]));
    await expect(page.getByTestId("import-plan")).toHaveCount(0);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("count-create")).toContainText("2");
    await expect(page.getByTestId("count-update")).toContainText("0");
    await expect(page.getByTestId("import-changes")).toContainText(name);
    await shots(page, "preview-en");
    await page.getByRole("button", { name: "Import 2 places" }).click();
    await expect(page.getByTestId("import-done")).toHaveText("Imported: 2 created, 0 updated, 0 unchanged.");
    await expect(page.getByTestId("import-plan")).toHaveCount(0);

    // In the places list, fed by LPA; the admin hands one to no operator.
    const row = page.getByTestId("admin-place").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(page.getByLabel(`Operator of ${name}`)).toHaveValue(/.+/);
    await expect(page.getByLabel(`Operator of ${name}`).locator("option:checked")).toHaveText("LPA");
    await page.getByLabel(`Operator of ${other}`).selectOption({ label: "No operator" });
    await expect(page.getByLabel(`Operator of ${other}`).locator("option:checked")).toHaveText("No operator");
    await page.reload();
    await page.getByLabel("Search places by name").fill(tag);
    await expect(page.getByLabel(`Operator of ${other}`).locator("option:checked")).toHaveText("No operator");

    // The same file again, for the same operator: nothing new.
    await page.getByLabel("Operator", { exact: true }).selectOption({ label: "LPA" });
    await page.getByLabel("File", { exact: true }).setInputFiles(file([feature(`a-${tag}`, name, { capacity: 120 }), feature(`b-${tag}`, other, { capacity: "40", opening_hours: "Mo-Sa 07:00-21:00" })]));
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("count-unchanged")).toContainText("2");
    await expect(page.getByText("Nothing to import: every place is already up to date.")).toBeVisible();

    // A resident finds it near home.
    const resident = await browser.newPage({ locale: "en-GB" });
    await resident.route(/tile\.openstreetmap\.org|\/tiles?\//, (route) => route.abort());
    await signIn(resident, DEMO.resident);
    await resident.goto("/parking");
    await expect(resident.getByTestId("place-list").getByTestId("place").filter({ hasText: name })).toBeVisible();
    await resident.close();
  });
});

test.describe("French", () => {
  test.use({ locale: "fr-FR", extraHTTPHeaders: { "accept-language": "fr-FR,fr;q=0.9" } });
  test("the preview and its errors read in French", async ({ page }) => {
    const tag = randomBytes(3).toString("hex");
    await signIn(page, DEMO.admin);
    await page.goto("/admin/parking");
    await expect(page.getByRole("heading", { name: "Importer des parkings" })).toBeVisible();
    await shots(page, "empty-fr");
    await page.getByLabel("Fichier", { exact: true }).setInputFiles(file([feature(`fr-${tag}`, `Parking FR ${tag}`, { capacity: 10 }), feature(`fr2-${tag}`, `Parking FR2 ${tag}`, { capacity: 5, opening_hours: "Mo-Fr 08:00-18:00; PH off" })]));
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    await expect(page.getByText("1 parking sur 2 est invalide : rien ne sera importé.", { exact: false })).toBeVisible();
    await expect(page.getByTestId("import-errors").getByRole("row", { name: /^1 / })).toContainText("opening_hours doit être identique chaque semaine");
    await shots(page, "errors-fr");
    // Not JSON at all: the whole file is refused with a translated message.
    await page.getByLabel("Ou collez son contenu").fill("pas du json");
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    await expect(page.getByText("Ce fichier ne peut pas être lu dans le format choisi.")).toBeVisible();
    await page.getByLabel("Rechercher un parking par nom").fill(`FR ${tag}`);
    await expect(page.getByText("Aucun parking ne correspond à cette recherche")).toBeVisible();
  });
});

/** With SHOTS_DIR set: the whole page at 390 and 1280 px, then back to the default size. */
async function shots(page: Page, what: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${what}-${width}.png`, fullPage: true });
    // The import and the places list as a person sees them, one screen each.
    for (const [i, heading] of [/^(Import places|Importer des parkings)$/, /^(Places|Parkings)$/].entries()) {
      await page.getByRole("heading", { level: 2, name: heading }).scrollIntoViewIfNeeded();
      await page.getByRole("heading", { level: 2, name: heading }).evaluate((h) => h.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: `${dir}/${what}-${width}-part${i + 1}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}
