import { randomBytes } from "node:crypto";
import { DEMO, expect, signIn, signUp, test, uniqueEmail, waitLive } from "../fixtures";
import type { Page } from "@playwright/test";

test.use({ locale: "en-GB" });

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name, exact: true }).click();
/** The Bills tab's views: Overview, Issue, Import, All bills. */
const view = (page: Page, name: string) => page.getByTestId("bill-views").getByRole("link", { name, exact: true }).click();
const UNIT = "Door 601 · floor 6";

async function issue(manager: Page, v: { reference: string; from: string; to: string; due: string; amount: string }) {
  const form = manager.getByTestId("issue-bill");
  await form.getByLabel("Unit", { exact: true }).selectOption({ label: UNIT });
  await form.getByLabel("Kind").selectOption({ label: "Electricity" });
  await form.getByLabel("Reference").fill(v.reference);
  await form.getByLabel("Period from").fill(v.from);
  await form.getByLabel("Period to").fill(v.to);
  await form.getByLabel("Due date").fill(v.due);
  await form.getByLabel("Amount (€)").fill(v.amount);
  await form.getByRole("button", { name: "Issue the bill" }).click();
}

test("a manager issues a bill (a bad period first); the resident sees it live and pays; the manager refunds it, then records another as paid outside", async ({ browser }) => {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const refs = [`E-${tag}-1`, `E-${tag}-2`];
  const name = `Adèle Marchand ${tag}`;

  // The manager creates a code for a flat of Le Clos Jacquard…
  const managerCtx = await browser.newContext({ locale: "en-GB" });
  const manager = await managerCtx.newPage();
  await signIn(manager, DEMO.manager);
  await nav(manager, "Buildings");
  await manager.getByRole("link", { name: /Le Clos Jacquard/ }).click();
  await manager.getByTestId("tabs").getByRole("link", { name: "Invite codes" }).click();
  await manager.getByLabel("For unit").selectOption({ label: UNIT });
  await manager.getByRole("button", { name: "Create code" }).click();
  const toast = manager.getByText(/^Code [A-Z2-9]{4}-[A-Z2-9]{4} created/);
  await expect(toast).toBeVisible();
  const code = (await toast.textContent())!.match(/[A-Z2-9]{4}-[A-Z2-9]{4}/)![0];

  // …that a newcomer uses; she tops up €50 and keeps her bills open.
  const residentCtx = await browser.newContext({ locale: "en-GB" });
  const resident = await residentCtx.newPage();
  await signUp(resident, { name, email: uniqueEmail("adele") });
  await resident.getByLabel("Invite code").fill(code);
  await resident.getByRole("button", { name: "Join", exact: true }).click();
  await expect(resident.getByText("Welcome to Le Clos Jacquard!")).toBeVisible();
  await nav(resident, "Wallet");
  await resident.getByRole("button", { name: "€50.00" }).click();
  await resident.getByRole("button", { name: "Continue" }).click();
  await resident.getByRole("button", { name: "Top up €50.00" }).click();
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€50.00");
  await nav(resident, "Bills");
  await expect(resident.getByTestId("due-bills")).toBeVisible();
  await waitLive(resident);
  const due = (ref: string) => resident.getByTestId("due-bills").locator(`[data-reference="${ref}"]`);
  await expect(due(refs[0]!)).toHaveCount(0);

  // The manager issues a bill: a period that ends before it starts is refused first.
  await manager.getByTestId("tabs").getByRole("link", { name: "Bills" }).click();
  await waitLive(manager);
  await view(manager, "Issue");
  await issue(manager, { reference: refs[0]!, from: "2099-01-01", to: "2098-12-31", due: "2099-02-15", amount: "37,40" });
  await expect(manager.getByTestId("issue-bill").getByText("The period must end after it starts.")).toBeVisible();
  await expect(manager.getByText(/^Bill .* issued/)).toHaveCount(0);
  await manager.getByTestId("issue-bill").getByLabel("Period to").fill("2099-01-31");
  await manager.getByTestId("issue-bill").getByRole("button", { name: "Issue the bill" }).click();
  await expect(manager.getByText(`Bill ${refs[0]} issued (€37.40).`)).toBeVisible();
  await expect(manager.getByTestId("issue-bill").getByText("The period must end after it starts.")).toHaveCount(0);
  await view(manager, "All bills");
  const listed = (ref: string) => manager.getByTestId("building-bills").getByRole("listitem").filter({ hasText: ref });
  await expect(listed(refs[0]!)).toContainText("Electricity");
  await expect(listed(refs[0]!)).toContainText("€37.40");

  // The resident sees it without a reload and pays it.
  await expect(due(refs[0]!)).toBeVisible();
  await expect(due(refs[0]!)).toContainText("€37.40");
  await resident.getByLabel(`Select bill ${refs[0]}`).check();
  await resident.getByRole("button", { name: "Pay this bill" }).click();
  await resident.getByTestId("pay-confirm").getByRole("button", { name: "Pay €37.40" }).click();
  await expect(resident.getByText("Bill paid: €37.40.")).toBeVisible();
  await expect(due(refs[0]!)).toHaveCount(0);

  // The manager's list shows it paid through Quartier, and refunds it.
  await expect(listed(refs[0]!)).toContainText("Paid");
  await listed(refs[0]!).getByRole("button", { name: "Refund" }).click();
  const question = listed(refs[0]!).getByRole("group", { name: "Give €37.40 back to the payer’s wallet? The bill becomes unpaid again." });
  await question.getByRole("button", { name: "Confirm" }).click();
  await expect(manager.getByText("Refunded to the payer’s wallet.")).toBeVisible();
  await expect(listed(refs[0]!)).toContainText("Due 15 Feb 2099");
  await expect(listed(refs[0]!).getByRole("button", { name: "Record payment" })).toBeVisible();

  // The bill is due again on the resident's page, and the money is back in the wallet.
  await expect(due(refs[0]!)).toBeVisible();
  await nav(resident, "Wallet");
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€50.00");
  const movements = resident.getByTestId("movements");
  await expect(movements.getByRole("listitem").first()).toContainText("Refund");
  await expect(movements.getByRole("listitem").first()).toContainText("+€37.40");
  await expect(movements.getByText("Bill payment", { exact: true })).toBeVisible();

  // A second bill, paid by transfer: the manager records it.
  await view(manager, "Issue");
  await issue(manager, { reference: refs[1]!, from: "2099-02-01", to: "2099-02-28", due: "2099-03-15", amount: "12" });
  await expect(manager.getByText(`Bill ${refs[1]} issued (€12.00).`)).toBeVisible();
  await view(manager, "All bills");
  await listed(refs[1]!).getByRole("button", { name: "Record payment" }).click();
  await listed(refs[1]!).getByRole("group", { name: "Mark as paid outside Quartier (transfer, cheque)?" }).getByRole("button", { name: "Confirm" }).click();
  await expect(manager.getByText("Payment recorded.")).toBeVisible();
  await expect(listed(refs[1]!)).toContainText("Paid outside Quartier");
  await expect(listed(refs[1]!).getByRole("button", { name: "Refund" })).toHaveCount(0);

  // The resident does not owe it; the wallet did not move.
  await nav(resident, "Bills");
  await expect(due(refs[0]!)).toBeVisible();
  await expect(due(refs[1]!)).toHaveCount(0);
  await resident.getByTestId("tabs").getByRole("link", { name: "Paid" }).click();
  await expect(resident.getByTestId("paid-bills")).toContainText(refs[1]!);
  await nav(resident, "Wallet");
  await expect(resident.getByTestId("wallet-balance")).toHaveText("€50.00");
  await Promise.all([managerCtx.close(), residentCtx.close()]);
});
