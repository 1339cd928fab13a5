import { accountsRouter } from "./accounts/router";
import { billsRouter } from "./bills/router";
import { buildingsRouter } from "./buildings/router";
import { chatRouter } from "./chat/router";
import { homeRouter } from "./home/router";
import { noticesRouter } from "./notices/router";
import { notificationsRouter } from "./notifications/router";
import { ordersRouter } from "./orders/router";
import { parkingRouter } from "./parking/router";
import { exportRouter } from "./privacy/export-router";
import { deletionRouter } from "./privacy/deletion-router";
import { peopleRouter } from "./people/router";
import { promotionsRouter } from "./promotions/router";
import { qrRouter } from "./qr/router";
import { repairsRouter } from "./repairs/router";
import { shopsRouter } from "./shops/router";
import { walletRouter } from "./wallet/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

// One router per capability; inside it, the side of whoever runs it under `manage`
// (managers, merchants) and approvals or moderation under `admin` (docs/architecture.md, "API names").
export const appRouter = createTRPCRouter({
  accounts: accountsRouter,
  buildings: buildingsRouter,
  wallet: walletRouter,
  bills: billsRouter,
  notifications: notificationsRouter,
  shops: shopsRouter,
  orders: ordersRouter,
  qr: qrRouter,
  chat: chatRouter,
  parking: parkingRouter,
  repairs: repairsRouter,
  notices: noticesRouter,
  promotions: promotionsRouter,
  home: homeRouter,
  privacy: createTRPCRouter({ export: exportRouter, deletion: deletionRouter }),
  people: peopleRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
