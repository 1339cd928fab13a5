import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, test } from "../fixtures";

test.use({ locale: "en-GB" });

const HEADER = "name,description,price_cents,unit,category,stock,active";
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from([HEADER, ...lines].join("\n") + "\n") });

test("a merchant imports a catalogue: a bad row is pointed out, the fixed file imports, the products are listed", async ({ page }) => {
  const tag = randomBytes(2).toString("hex");
  const names = [`Coings ${tag}`, `Topinambours ${tag}`];
  const good = [`${names[0]},Du Beaujolais,480,kg,Fruits,7,true`, `${names[1]},,350,kg,Légumes,,true`];

  await signIn(page, DEMO.merchant);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My shop", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Primeur de la Croix-Rousse" })).toBeVisible();
  await page.getByTestId("tabs").getByRole("link", { name: "Catalogue" }).click();
  await expect(page.getByTestId("catalogue")).toBeVisible();

  // Line 3 has a price in euros and an unknown unit: nothing is imported.
  await page.getByLabel("CSV file").setInputFiles(csvFile("catalogue.csv", [good[0]!, `Bad ${tag},,4.80,litre,,,true`, good[1]!]));
  const errors = page.getByTestId("import-errors");
  await expect(page.getByText(/problems found: nothing was imported/)).toBeVisible();
  await expect(errors.getByRole("row", { name: /^3 price_cents/ })).toContainText("Not a whole number");
  await expect(errors.getByRole("row", { name: /^3 unit/ })).toContainText("Use piece, kg or pack.");
  await expect(errors.getByRole("row", { name: /^(2|4) / })).toHaveCount(0);
  await expect(page.getByTestId("import-confirm")).toHaveCount(0);
  for (const name of names) await expect(page.locator(`[data-testid="catalogue-row"][data-name="${name}"]`)).toHaveCount(0);

  // The fixed file is checked, then imported.
  await page.getByLabel("CSV file").setInputFiles(csvFile("catalogue-fixed.csv", good));
  await expect(page.getByText("2 products are ready to import.")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 products" }).click();
  await expect(page.getByText("2 products imported.").first()).toBeVisible();

  const quince = page.locator(`[data-testid="catalogue-row"][data-name="${names[0]}"]`);
  await expect(quince).toContainText("Fruits · kg · €4.80");
  await expect(page.getByLabel(`Stock of ${names[0]}`)).toHaveValue("7");
  await expect(page.locator(`[data-testid="catalogue-row"][data-name="${names[1]}"]`)).toContainText("Légumes · kg · €3.50");
  await expect(page.getByLabel(`Stock of ${names[1]}`)).toHaveValue("");

  // Importing the same file again changes nothing.
  await page.getByLabel("CSV file").setInputFiles(csvFile("catalogue-again.csv", good));
  await expect(page.getByTestId("import-duplicates")).toContainText(names[0]!);
  await expect(page.getByTestId("import-confirm")).toHaveCount(0);
});
