import { DEMO, expect, signIn, test } from "../fixtures";

test.use({ locale: "en-GB" });

test("a manager creates a building and generates its units, with errors for bad input", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.goto("/buildings");
  await page.getByRole("button", { name: "New building" }).click();
  const name = `Les Platanes ${Date.now().toString(36)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Street address").fill("20 rue Dumenge");
  await page.getByLabel("Postal code").fill("69004");
  await page.getByLabel("City").fill("Lyon");
  await page.getByLabel("Latitude").fill("145");
  await page.getByLabel("Longitude").fill("4.83");
  await page.getByRole("button", { name: "New building" }).click();
  await expect(page.getByText("Latitude is between -90 and 90.")).toBeVisible();
  await page.getByLabel("Latitude").fill("45.779");
  await page.getByRole("button", { name: "New building" }).click();
  await expect(page.getByText(`${name} created.`)).toBeVisible();

  await page.getByRole("link", { name: new RegExp(name) }).click();
  await page.getByTestId("tabs").getByRole("link", { name: "Units" }).click();
  await expect(page.getByText("No units yet.", { exact: false })).toBeVisible();
  await page.getByLabel("Doors per floor").fill("3");
  await page.getByLabel("From floor").fill("0");
  await page.getByLabel("To floor").fill("2");
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByText("9 units created.")).toBeVisible();
  await expect(page.getByTestId("units-main").getByRole("listitem")).toHaveCount(9);

  // Same door again: a clear conflict, nothing added.
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add", exact: true }) });
  await add.getByLabel("Floor").fill("1");
  await add.getByLabel("Door").fill("101");
  await add.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("This building already has a unit with that staircase and door.")).toBeVisible();
  await expect(page.getByTestId("units-main").getByRole("listitem")).toHaveCount(9);
});
