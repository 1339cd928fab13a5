// Whether this server runs on the demo data, so that the sign-in page may show the demo
// account: the demo seed is on (SEED_DEMO) and the demo resident exists. Answers a
// yes or no, nothing else; cached per process for a minute.
import "server-only";
import { env } from "~/env";
import { getDb } from "~/server/db";
import { DEMO_USERS } from "~/prisma/seed/users";

const TTL_MS = 60_000;
const g = globalThis as { __quartierDemoSeeded?: { value: boolean; at: number } };

export async function isDemoSeeded(): Promise<boolean> {
  if (!env().SEED_DEMO) return false;
  const cached = g.__quartierDemoSeeded;
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const email = DEMO_USERS[0]!.email;
  const value = await getDb()
    .user.count({ where: { email } })
    .then((n) => n > 0)
    .catch(() => false);
  g.__quartierDemoSeeded = { value, at: Date.now() };
  return value;
}
