import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import {
  BILL_KINDS,
  ZBill,
  ZBillImportInput,
  ZBillIssueInput,
  ZBillListInput,
  ZBuildingBillsSummary,
  ZConsumptionUnit,
  ZImportResult,
  ZMyBill,
  ZPayInput,
  ZPayResult,
  ZRefundInput,
  ZUnitBalances,
  ZTopUpAndPayInput,
  ZTopUpAndPayResult,
} from "./schema";
import * as service from "./service";

import { ZId } from "../lib/input";
const manager = roleProcedure("building.manage");

/** Managers: issue, import, follow and export the bills of buildings they manage. */
const manageRouter = createTRPCRouter({
  summary: manager
    .input(z.object({ buildingId: ZId }))
    .output(ZBuildingBillsSummary)
    .query(({ ctx, input }) => service.buildingSummary(ctx.db, ctx.session.userId, input.buildingId)),

  /** Each unit with who lives there (names only), pending requests, and what it owes. */
  listUnits: manager
    .input(z.object({ buildingId: ZId }))
    .output(ZUnitBalances)
    .query(({ ctx, input }) => service.unitBalances(ctx.db, ctx.session.userId, input.buildingId)),

  list: manager
    .input(ZBillListInput)
    .output(z.object({ items: z.array(ZBill), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => service.listBuildingBills(ctx.db, ctx.session.userId, input)),

  issue: manager
    .input(ZBillIssueInput)
    .output(ZBill)
    .mutation(({ ctx, input }) => service.issueBill(ctx.db, ctx.session.userId, input)),

  import: manager
    .input(ZBillImportInput)
    .output(ZImportResult)
    .mutation(({ ctx, input }) => service.importBills(ctx.db, ctx.session.userId, input)),

  exportArrears: manager
    .input(z.object({ buildingId: ZId }))
    .output(z.object({ fileName: z.string(), csv: z.string() }))
    .query(({ ctx, input }) => service.arrearsCsv(ctx.db, ctx.session.userId, input.buildingId)),

  recordExternalPayment: manager
    .input(z.object({ billId: ZId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => service.recordExternalPayment(ctx.db, ctx.session.userId, input.billId)),

  refund: manager
    .input(ZRefundInput)
    .output(z.object({ transactionId: z.string(), isReplay: z.boolean() }))
    .mutation(({ ctx, input }) => service.refundBill(ctx.db, ctx.session.userId, input)),
});

/** Residents: the bills of units they live in, paid from their wallet; managers' side under `manage`. */
export const billsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ status: z.enum(["due", "paid", "all"]).default("due"), unitId: ZId.optional() }))
    .output(z.array(ZMyBill))
    .query(({ ctx, input }) => service.myBills(ctx.db, ctx.session.userId, input)),

  listUnits: protectedProcedure
    .input(z.void())
    .output(z.array(z.object({ id: z.string(), staircase: z.string(), floor: z.number().int(), door: z.string(), buildingName: z.string() })))
    .query(({ ctx }) => service.myUnits(ctx.db, ctx.session.userId)),

  history: protectedProcedure
    .input(z.object({ unitId: ZId }))
    .output(
      z.array(
        z.object({
          kind: z.enum(BILL_KINDS),
          consumptionUnit: ZConsumptionUnit.nullable(),
          points: z.array(z.object({ periodStart: z.date(), periodEnd: z.date(), amount: z.number().int(), consumption: z.number().nullable() })),
        }),
      ),
    )
    .query(({ ctx, input }) => service.myBillHistory(ctx.db, ctx.session.userId, input.unitId)),

  pay: protectedProcedure
    .input(ZPayInput)
    .output(ZPayResult)
    .mutation(({ ctx, input }) => service.payBills(ctx.db, ctx.session.userId, input)),

  topUpAndPay: protectedProcedure
    .input(ZTopUpAndPayInput)
    .output(ZTopUpAndPayResult)
    .mutation(({ ctx, input }) => service.topUpAndPay(ctx.db, ctx.session.userId, input)),

  manage: manageRouter,
});
