// A lease in the database so that, with several instances, one at a time runs a job.
// Taking it is one conditional write: insert when absent, or take over when expired or
// already ours. Whoever's write lands holds it until expiresAt.
import type { Db } from "../db";
import { isUniqueViolation } from "../lib/db-errors";


export async function tryLease(db: Db, name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.jobLease.updateMany({
    where: { name, OR: [{ expiresAt: { lt: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false; // someone else holds it
    throw e;
  }
}

export async function releaseLease(db: Db, name: string, holder: string) {
  await db.jobLease.deleteMany({ where: { name, holder } });
}

/** Runs `job` every `intervalMs` while this instance holds the lease; returns a stopper. */
export function schedule(db: Db, opts: { name: string; holder: string; intervalMs: number; job: () => Promise<unknown>; onError: (e: unknown) => void }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let isStopped = false;
  const tick = async () => {
    try {
      if (await tryLease(db, opts.name, opts.holder, opts.intervalMs * 2)) await opts.job();
    } catch (e) {
      opts.onError(e);
    }
  };
  const loop = () => {
    if (isStopped) return;
    running = tick().finally(() => {
      running = null;
      if (!isStopped) timer = setTimeout(loop, opts.intervalMs);
    });
  };
  timer = setTimeout(loop, 1_000);
  return async () => {
    isStopped = true;
    if (timer) clearTimeout(timer);
    await running;
    await releaseLease(db, opts.name, opts.holder).catch(() => {});
  };
}
