import pino from "pino";

const g = globalThis as { __quartierLog?: pino.Logger };
export const log: pino.Logger = (g.__quartierLog ??= pino({
  level: process.env.LOG_LEVEL || "info",
  base: { pid: process.pid },
}));
