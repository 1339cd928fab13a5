import { accountsRouter } from "./accounts/router";
import { billingRouter, billsRouter } from "./bills/router";
import { buildingsRouter, membershipRouter } from "./buildings/router";
import { chatReportsRouter, chatRouter } from "./chat/router";
import { notificationsRouter } from "./notifications/router";
import { ordersRouter } from "./orders/router";
import { qrRouter } from "./qr/router";
import { adminShopsRouter, merchantRouter, shopsRouter } from "./shops/router";
import { walletRouter } from "./wallet/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  accounts: accountsRouter,
  buildings: buildingsRouter,
  membership: membershipRouter,
  wallet: walletRouter,
  bills: billsRouter,
  billing: billingRouter,
  notifications: notificationsRouter,
  shops: shopsRouter,
  merchant: merchantRouter,
  adminShops: adminShopsRouter,
  orders: ordersRouter,
  qr: qrRouter,
  chat: chatRouter,
  chatReports: chatReportsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
