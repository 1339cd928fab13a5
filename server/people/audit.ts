// The audit log: what admins did, to whom, and why. Written only inside the transaction of
// the change it records (`writeAudit(tx, …)`), so a change is never without its row and a
// row never without its change; read only by admins (`audit.read`).
import type { Db, DbTx } from "../db";
import { PAGE_SIZE, ZAuditAction, type TAuditAction, type TAuditEntry } from "./schema";

type TTarget = { type: "user" | "shop" | "report"; id: string };

export async function writeAudit(
  tx: DbTx,
  entry: { actorId: string | null; action: TAuditAction; target: TTarget; detail?: Record<string, string>; reason?: string },
) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      detail: JSON.stringify(entry.detail ?? {}),
      reason: entry.reason ?? "",
    },
  });
}

/** The latest suspension of each of these shops: its reason, and whether it came with the owner's. */
export async function latestShopSuspensions(db: Db | DbTx, shopIds: string[]): Promise<Map<string, { reason: string; withOwner: boolean }>> {
  if (!shopIds.length) return new Map();
  const rows = await db.auditLog.findMany({
    where: { action: "shop.suspend", targetType: "shop", targetId: { in: shopIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { targetId: true, reason: true, detail: true },
  });
  const latest = new Map<string, { reason: string; withOwner: boolean }>();
  for (const r of rows) if (!latest.has(r.targetId)) latest.set(r.targetId, { reason: r.reason, withOwner: parseDetail(r.detail).withOwner === "true" });
  return latest;
}

/** The reason of the latest suspension of each of these shops (what its owner is shown). */
export async function shopSuspensionReasons(db: Db | DbTx, shopIds: string[]): Promise<Map<string, string>> {
  return new Map([...(await latestShopSuspensions(db, shopIds))].map(([id, s]) => [id, s.reason]));
}

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(detail);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Newest first, a page at a time; by action, and by person (what they did or what was done to them). */
export async function listAudit(db: Db, input: { action?: TAuditAction | null; personId?: string | null; page: number }) {
  const where = {
    ...(input.action ? { action: input.action } : {}),
    ...(input.personId ? { OR: [{ actorId: input.personId }, { targetType: "user", targetId: input.personId }] } : {}),
  };
  const [total, rows, person] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { actor: { select: { id: true, name: true } } },
    }),
    input.personId ? db.user.findUnique({ where: { id: input.personId }, select: { id: true, name: true } }) : null,
  ]);
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type).map((r) => r.targetId))];
  const [users, shops] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, name: true } }),
    db.shop.findMany({ where: { id: { in: ids("shop") } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...users, ...shops].map((x) => [x.id, x.name]));
  const items: TAuditEntry[] = [];
  for (const r of rows) {
    const action = ZAuditAction.safeParse(r.action);
    if (!action.success) continue;
    const detail = parseDetail(r.detail);
    const targetType = r.targetType === "user" || r.targetType === "shop" ? r.targetType : "report";
    const fallback = typeof detail.name === "string" ? detail.name : null;
    items.push({
      id: r.id,
      action: action.data,
      createdAt: r.createdAt,
      actor: r.actor,
      targetType,
      targetId: r.targetId,
      targetName: names.get(r.targetId) ?? fallback,
      role: typeof detail.role === "string" ? detail.role : null,
      reason: r.reason,
    });
  }
  return { items, total, page: input.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), person };
}
