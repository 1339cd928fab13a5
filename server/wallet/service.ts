// What a person sees of their own money: balance, movements, receipts.
import type { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { walletOf, type TTxKind } from "../ledger/ledger";
import { describeProvider } from "../payments/service";
import type { ZHistoryInput } from "./schema";

/** A short, printable receipt number derived from the transaction id. */
export const receiptNumber = (id: string) => `Q-${id.slice(-10).toUpperCase()}`;

const dayStart = (d: string) => new Date(`${d}T00:00:00.000Z`);
const dayEnd = (d: string) => new Date(new Date(`${d}T00:00:00.000Z`).getTime() + 86_400_000);

export async function getWallet(db: Db, userId: string) {
  const wallet = await walletOf(db, userId);
  return { balance: wallet.balance, currency: wallet.currency, provider: describeProvider() };
}

export async function history(db: Db, userId: string, input: z.infer<typeof ZHistoryInput>) {
  const wallet = await walletOf(db, userId);
  const entries = await db.ledgerEntry.findMany({
    where: {
      accountId: wallet.id,
      createdAt: { ...(input.from ? { gte: dayStart(input.from) } : {}), ...(input.to ? { lt: dayEnd(input.to) } : {}) },
      ...(input.kind ? { transaction: { kind: input.kind } } : {}),
    },
    include: { transaction: { include: { billPayments: { select: { bill: { select: { kind: true } } } } } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = entries.slice(0, input.limit);
  return {
    items: page.map((e) => ({
      id: e.transactionId,
      kind: e.transaction.kind as TTxKind,
      amount: e.amount,
      currency: e.transaction.currency,
      createdAt: e.createdAt,
      // What a list row can say without a second query: the provider, or the bill kinds.
      detail:
        e.transaction.kind === "topup"
          ? e.transaction.memo
          : e.transaction.billPayments.length
            ? [...new Set(e.transaction.billPayments.map((p) => p.bill.kind))].join(",")
            : e.transaction.memo,
    })),
    nextCursor: entries.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

/** A receipt for any movement of the caller's wallet; anyone else's answers NOT_FOUND. */
export async function receipt(db: Db, userId: string, transactionId: string) {
  // Through the caller's wallet without creating it (walletOf would, on first use): asking
  // for someone else's receipt writes nothing, even for someone who has no wallet yet.
  const entry = await db.ledgerEntry.findFirst({ where: { transactionId, account: { userId } } });
  if (!entry) throw new AppError("NOT_FOUND", "Receipt not found");
  const wallet = { id: entry.accountId };
  const billInclude = { include: { building: { select: { name: true } }, unit: { select: { staircase: true, floor: true, door: true } } } } as const;
  const [tx, user] = await Promise.all([
    db.ledgerTransaction.findUniqueOrThrow({
      where: { id: transactionId },
      include: {
        billPayments: { include: { bill: billInclude } },
        refundOf: true,
        refunds: { include: { entries: { where: { accountId: wallet.id } } }, orderBy: { createdAt: "asc" } },
        intent: { select: { provider: true } },
      },
    }),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } }),
  ]);
  // A bill refund names its bill in the memo ("bill:<id>"); a bill payment lists what it covered.
  const refundedBillId = tx.kind === "refund" && tx.memo?.startsWith("bill:") ? tx.memo.slice(5) : null;
  const lines = refundedBillId
    ? await db.bill.findMany({ where: { id: refundedBillId }, ...billInclude }).then((bs) => bs.map((bill) => ({ bill, amount: bill.amount })))
    : tx.billPayments.map((p) => ({ bill: p.bill, amount: p.amount }));
  const bills = lines.sort((a, b) => a.bill.periodStart.getTime() - b.bill.periodStart.getTime() || a.bill.reference.localeCompare(b.bill.reference));
  return {
    id: tx.id,
    number: receiptNumber(tx.id),
    kind: tx.kind as TTxKind,
    amount: entry.amount,
    currency: tx.currency,
    createdAt: tx.createdAt,
    holderName: user.name,
    provider: tx.intent?.provider ?? null,
    bills: bills.map(({ bill: b, amount }) => ({
      reference: b.reference,
      kind: b.kind,
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      amount,
      buildingName: b.building.name,
      unit: b.unit,
    })),
    refundOf: tx.refundOf ? { id: tx.refundOf.id, number: receiptNumber(tx.refundOf.id) } : null,
    refunds: tx.refunds.map((r) => ({ id: r.id, number: receiptNumber(r.id), amount: r.entries[0]?.amount ?? 0, createdAt: r.createdAt })),
  };
}
