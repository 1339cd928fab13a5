// Booking a repair (issue 13), as people do it: a new resident of Les Canuts tops up, picks a
// plumber's time (held while they write), describes the leak with a photo and books, paying
// the deposit. Karim, who had the same time on screen, is told it was just taken. The plumber
// confirms in his own browser and the resident's page changes without a reload; they write
// to each other about the booking. Then, on a job already under way, the electrician closes it
// with a note and a price and the resident rates it, once.
import sharp from "sharp";
import { DEMO, expect, signUp, test, uniqueEmail, waitLive } from "../fixtures";
import { conversationId, messageWith, send, signedIn } from "../chat/helpers";

const PLUMBER = "plumber@quartier.test";
const ELECTRICIAN = "electrician@quartier.test";
const LEA = "lea.nguyen@quartier.test";

test.describe.configure({ timeout: 90_000 });

test("a resident books a plumber with a photo; a second one is told the time was taken; the plumber confirms live; they chat about it", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await signUp(page, { name: "Nora Lambert", email: uniqueEmail("nora") });
  await page.getByLabel("Invite code").fill("CANU-TS24");
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByText("Welcome to Résidence Les Canuts!")).toBeVisible();
  await page.goto("/wallet");
  await page.getByRole("button", { name: "€50.00" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Top up €50.00" }).click();
  await expect(page.getByTestId("wallet-balance")).toHaveText("€50.00");

  // Repairs → Plumbing → the plumber's times; the last day offered, so no other journey shares it.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Repairs" }).click();
  await page.getByTestId("category-plumbing").click();
  const card = page.getByTestId("repairer").filter({ hasText: "Plomberie Fontaine" });
  await expect(card).toContainText("deposit €20.00");
  await card.getByRole("link", { name: "See all times" }).click();
  await expect(page.getByRole("heading", { name: "Book: Plumbing", level: 1 })).toBeVisible();
  await page.getByRole("group", { name: "Days" }).getByRole("button").last().click();
  const slot = page.getByTestId("slot").last();
  const startsAt = (await slot.getAttribute("data-starts"))!;
  const serviceId = new URL(page.url()).searchParams.get("service")!;
  await slot.click();
  await expect(page.getByTestId("held-slot")).toBeVisible();
  await expect(page.getByRole("timer")).toContainText(/Held for you for [0-9]+:[0-5][0-9]/);

  // Karim (another building the plumber serves) follows a link to that very time: held, so taken.
  const karim = await signedIn(browser, DEMO.resident2);
  await karim.page.goto(`/repairs/book?service=${serviceId}&category=plumbing&start=${encodeURIComponent(startsAt)}`);
  await expect(karim.page.getByTestId("slot-gone")).toHaveText("This slot was just taken by someone else. Pick another one below.");
  await expect(karim.page.locator(`[data-testid="slot"][data-starts="${startsAt}"]`)).toHaveCount(0);

  // The form: a description too short is refused in place; a photo; book and pay the deposit.
  await page.getByLabel("What is the problem?").fill("Leak");
  await page.getByTestId("book").click();
  await expect(page.getByText("Describe the problem in a few words (at least 5 characters).")).toBeVisible();
  await page.getByLabel("What is the problem?").fill("Water drips under the kitchen sink, a puddle every morning.");
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toBuffer();
  await page.getByTestId("photo-input").setInputFiles({ name: "sink.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("button", { name: "Remove photo" })).toBeVisible();
  await page.getByRole("button", { name: "Book and pay the €20.00 deposit" }).click();
  await expect(page).toHaveURL(/\/repairs\/bookings\/[^/?]+\?booked=1$/);
  const bookingId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("booking-status")).toHaveText("Requested");
  await expect(page.getByText("Booked. Plomberie Fontaine will confirm soon")).toBeVisible();
  await expect(page.getByText("deposit of €20.00 paid")).toBeVisible();
  await expect(page.getByRole("img", { name: "Photo of the problem" })).toBeVisible();
  await waitLive(page);

  // The plumber confirms from the booking's page; the resident's page follows, no reload.
  const plumber = await signedIn(browser, PLUMBER);
  await plumber.page.goto(`/shop/repairs/${bookingId}`);
  await expect(plumber.page.getByText("Water drips under the kitchen sink")).toBeVisible();
  await plumber.page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");

  // They write about the booking: the conversation carries it as its context on both sides.
  await page.getByRole("button", { name: "Message the repairer" }).click();
  await expect(page).toHaveURL(/\/messages\/[^/?#]+/);
  await expect(page.getByRole("heading", { name: "Plomberie Fontaine", level: 1 })).toBeVisible();
  await expect(page.getByTestId("chat-booking")).toContainText("Plumbing");
  await waitLive(page);
  const id = conversationId(page);
  const text = `Le code de la porte est 4821B (${Date.now().toString(36)})`;
  await send(page, text);
  await plumber.page.goto(`/messages/${id}`);
  await expect(plumber.page.getByRole("heading", { name: "Nora Lambert", level: 1 })).toBeVisible();
  await expect(plumber.page.getByTestId("chat-booking")).toContainText("Plumbing");
  await expect(messageWith(plumber.page, text)).toBeVisible();

  await Promise.all([ctx.close(), karim.ctx.close(), plumber.ctx.close()]);
});

test("the electrician completes a job under way with a note and a price; the resident rates it once", async ({ browser }) => {
  // Léa's dishwasher (demo data): confirmed and started by Haddad Électricité.
  const [lea, electrician] = await Promise.all([signedIn(browser, LEA), signedIn(browser, ELECTRICIAN)]);
  await lea.page.goto("/repairs");
  const row = lea.page.getByTestId("booking").filter({ hasText: "Haddad Électricité" }).filter({ hasText: "Appliance" });
  await expect(row).toHaveAttribute("data-status", "in_progress");
  await row.click();
  await expect(lea.page.getByTestId("booking-status")).toHaveText("In progress");
  const bookingId = new URL(lea.page.url()).pathname.split("/").pop()!;
  await waitLive(lea.page);

  await electrician.page.goto(`/shop/repairs/${bookingId}`);
  await electrician.page.getByRole("button", { name: "Mark as done" }).click();
  await electrician.page.getByLabel("Note", { exact: true }).fill("Drain pump cleaned, filter replaced.");
  await electrician.page.getByLabel("Final price (€)").fill("72,50");
  await electrician.page.getByRole("button", { name: "Finish the job" }).click();
  await expect(electrician.page.getByText("Job done: the resident can now rate it.")).toBeVisible();

  await expect(lea.page.getByTestId("booking-status")).toHaveText("Done");
  await expect(lea.page.getByText("Drain pump cleaned, filter replaced.")).toBeVisible();
  await expect(lea.page.getByText("€72.50")).toBeVisible();
  await lea.page.getByRole("button", { name: "Send my rating" }).click();
  await expect(lea.page.getByText("Choose from 1 to 5 stars.")).toBeVisible();
  // The stars are radio buttons drawn by their labels.
  await lea.page.locator("label", { has: lea.page.getByRole("radio", { name: "4 stars" }) }).click();
  await expect(lea.page.getByRole("radio", { name: "4 stars" })).toBeChecked();
  await lea.page.getByLabel("Comment (optional)").fill("Quick and tidy.");
  await lea.page.getByRole("button", { name: "Send my rating" }).click();
  await expect(lea.page.getByTestId("my-rating")).toHaveAttribute("aria-label", "4 stars");
  await lea.page.reload();
  await expect(lea.page.getByTestId("my-rating")).toHaveAttribute("aria-label", "4 stars");
  await expect(lea.page.getByRole("button", { name: "Send my rating" })).toHaveCount(0);

  await Promise.all([lea.ctx.close(), electrician.ctx.close()]);
});
