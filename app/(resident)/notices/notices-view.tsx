"use client";
// The resident's building notices (issue 14): current ones in the server's order (pinned,
// then urgent, then newest), or the archive of expired ones (?view=archive). Live: a
// manager's notice:changed refetches notices.list.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { TNotice } from "~/server/notices/schema";
import { CategoryLabel, useNoticeDates, useTargetLines, WindowText } from "../../_components/notices/notice-parts";
import { Card, Empty, LoadError, Loading, PageHead } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

export function NoticesView({ isArchive }: { isArchive: boolean }) {
  const t = useTranslations("notices");
  const trpc = useTRPC();
  const list = useQuery(trpc.notices.list.queryOptions({ archive: isArchive }));
  return (
    <div className="page">
      <PageHead title={t("title")} lead={t("lead")} />
      <nav className="notice-views" aria-label={t("views")}>
        <Link href="/notices" aria-current={isArchive ? undefined : "page"} data-testid="view-current">
          {t("current")}
        </Link>
        <Link href="/notices?view=archive" aria-current={isArchive ? "page" : undefined} data-testid="view-archive">
          {t("archive")}
        </Link>
      </nav>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Card>
          <Empty title={isArchive ? t("emptyArchive") : t("empty")}>{isArchive ? t("emptyArchiveHint") : t("emptyHint")}</Empty>
        </Card>
      ) : (
        <ul className="notice-list" data-testid={isArchive ? "notices-archive" : "notices"}>
          {list.data.map((n) => (
            <li key={n.id}>
              <NoticeCard notice={n} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NoticeCard({ notice: n }: { notice: TNotice }) {
  const t = useTranslations("notices");
  const dates = useNoticeDates();
  const lines = useTargetLines()(n.targets);
  const isUrgent = n.urgency === "urgent";
  const isUnread = n.seenAt === null && !n.isExpired;
  return (
    <Link
      href={`/notices/${n.id}`}
      className={`notice-card cat-${n.category} ${isUrgent ? "is-urgent" : ""} ${isUnread ? "is-unread" : ""} ${n.isExpired ? "is-expired" : ""}`}
      data-testid="notice-card"
      data-title={n.title}
      data-unread={isUnread}
      data-urgent={isUrgent}
    >
      <div className="notice-card-top">
        <CategoryLabel category={n.category} />
        <span className="notice-badges">
          {isUrgent && <span className="badge badge-urgent">{t("urgent")}</span>}
          {n.pinned && <span className="badge badge-pinned">{t("pinned")}</span>}
          {isUnread && (
            <span className="badge badge-new" data-testid="notice-new">
              {t("new")}
            </span>
          )}
          {n.isExpired && <span className="badge badge-expired">{t("expired")}</span>}
        </span>
      </div>
      <h2>{n.title}</h2>
      {n.startsAt && (
        <span className="notice-window" data-testid="notice-window">
          <WindowText category={n.category} startsAt={n.startsAt} endsAt={n.endsAt} />
        </span>
      )}
      <p className="notice-meta">
        {lines.join(" · ")} · {t("published", { date: dates.stamp(n.publishAt) })}
        {n.editedAt && <> · {t("edited", { date: dates.stamp(n.editedAt) })}</>}
      </p>
    </Link>
  );
}
