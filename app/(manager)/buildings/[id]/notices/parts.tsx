"use client";
// Small pieces shared by the manager's notice pages: state badge, flags, reach bars.
import { useFormatter, useTranslations } from "next-intl";
import type { TManagedNotice } from "~/server/notices/schema";

const STATE_CLASS = { scheduled: "status-requested", published: "status-done", expired: "status-expired", withdrawn: "status-cancelled" } as const;

export const WHEN = { dateStyle: "medium", timeStyle: "short" } as const;

export function NoticeFlags({ notice: n }: { notice: TManagedNotice }) {
  const t = useTranslations("noticesManage");
  const format = useFormatter();
  return (
    <span className="row notice-flags">
      <span className={`badge ${STATE_CLASS[n.state]}`} data-testid="notice-state" data-state={n.state}>
        {t(`state.${n.state}`)}
      </span>
      {n.urgency === "urgent" && <span className="badge badge-urgent">{t("urgent")}</span>}
      {n.pinned && <span className="badge">{t("pinned")}</span>}
      {n.editedAt && (
        <span className="badge" data-testid="notice-edited" title={t("editedOn", { date: format.dateTime(n.editedAt, WHEN) })}>
          {t("edited")}
        </span>
      )}
      <span className="badge badge-category">{t(`category.${n.category}`)}</span>
    </span>
  );
}

/** When it went out, goes out, or stopped. */
export function NoticeWhen({ notice: n }: { notice: TManagedNotice }) {
  const t = useTranslations("noticesManage");
  const format = useFormatter();
  const at = (d: Date) => format.dateTime(d, WHEN);
  const parts = [
    n.state === "scheduled" ? t("scheduledFor", { date: at(n.publishAt) }) : t("publishedOn", { date: at(n.publishedAt ?? n.publishAt) }),
    n.withdrawnAt ? t("withdrawnOn", { date: at(n.withdrawnAt) }) : null,
    n.expiresAt && !n.withdrawnAt ? (n.isExpired ? t("expiredOn", { date: at(n.expiresAt) }) : t("expiresOn", { date: at(n.expiresAt) })) : null,
  ].filter(Boolean);
  return <span data-testid="notice-when">{parts.join(" · ")}</span>;
}

export function ReachBar({ label, count, total, testId }: { label: string; count: number; total: number; testId?: string }) {
  const percent = total > 0 ? Math.round((count / total) * 100) : 0;
  return (
    <div className="reach" data-testid={testId} data-count={count} data-total={total}>
      <div className="reach-label small">
        <span>{label}</span>
        <span className="strong">{percent} %</span>
      </div>
      <div className="reach-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={count}>
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function targetLabel(t: ReturnType<typeof useTranslations<"noticesManage">>, target: { buildingName: string; staircase: string }, withBuilding: boolean) {
  const where = target.staircase ? t("staircase", { name: target.staircase }) : t("wholeBuilding");
  return withBuilding ? `${target.buildingName} · ${where}` : where;
}
