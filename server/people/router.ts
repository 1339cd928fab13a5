import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../trpc";
import { ZId } from "../lib/input";
import { listAudit } from "./audit";
import {
  ZAuditInput,
  ZAuditPage,
  ZPeopleInput,
  ZPeoplePage,
  ZPerson,
  ZRestorePerson,
  ZRestoreShop,
  ZRoleChange,
  ZSuspendPerson,
  ZSuspendShop,
} from "./schema";
import * as service from "./service";

const admin = roleProcedure("people.administer");
const ZOk = z.object({ ok: z.literal(true) });

/** Admins only: people, their roles and suspensions, shops' suspensions, the audit log. */
export const peopleRouter = createTRPCRouter({
  list: admin
    .input(ZPeopleInput)
    .output(ZPeoplePage)
    .query(({ ctx, input }) => service.listPeople(ctx.db, input)),

  get: admin
    .input(z.object({ id: ZId }))
    .output(ZPerson)
    .query(({ ctx, input }) => service.getPerson(ctx.db, ctx.session.userId, input.id)),

  grantRole: admin
    .input(ZRoleChange)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.grantRole(ctx.db, ctx.session.userId, input)),

  withdrawRole: admin
    .input(ZRoleChange)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.withdrawRole(ctx.db, ctx.session.userId, input)),

  suspend: admin
    .input(ZSuspendPerson)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.suspendPerson(ctx.db, ctx.session.userId, input)),

  restore: admin
    .input(ZRestorePerson)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.restorePerson(ctx.db, ctx.session.userId, input)),

  suspendShop: admin
    .input(ZSuspendShop)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.suspendShop(ctx.db, ctx.session.userId, input)),

  restoreShop: admin
    .input(ZRestoreShop)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.restoreShop(ctx.db, ctx.session.userId, input)),

  /** What admins did, newest first (`history`: paged past entries). */
  history: roleProcedure("audit.read")
    .input(ZAuditInput)
    .output(ZAuditPage)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
