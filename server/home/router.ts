// Each role's home (issue 15): "what needs me now", one query per role, read-only. The
// resident's part is in resident.ts, the merchant's, manager's and admin's in staff.ts;
// every live event a home shows refetches `home` (realtime/socket-events.ts).
import { createTRPCRouter } from "../trpc";

export const homeRouter = createTRPCRouter({});
