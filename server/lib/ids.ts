// Ids for rows written by plain SQL (server/ledger/batch.ts), in the shape Prisma's
// @default(cuid()) gives: "c", the time, a counter, a process fingerprint and randomness,
// 25 lower-case letters and digits in all (ID_PATTERN in input.ts accepts them).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

const BASE = 36;
const BLOCK = 4;
const MAX = BASE ** BLOCK;
const pad = (s: string, n: number) => s.padStart(n, "0").slice(-n);

let counter = Math.floor(Math.random() * MAX);
const fingerprint = (() => {
  const host = hostname();
  let sum = host.length + BASE;
  for (const ch of host) sum += ch.charCodeAt(0);
  return pad(process.pid.toString(BASE), 2) + pad(sum.toString(BASE), 2);
})();

/** A new cuid (version 1 layout). */
export function cuid(): string {
  counter = (counter + 1) % MAX;
  const random = randomBytes(6).readUIntBE(0, 6) % MAX ** 2;
  return "c" + pad(Date.now().toString(BASE), 8) + pad(counter.toString(BASE), BLOCK) + fingerprint + pad(random.toString(BASE), 2 * BLOCK);
}
