"use client";
// One building notice (issue 14): its title, who it is for, its window (with "Add to my
// calendar"), the sanitised body, attachments, "I have read this" when it is urgent, and the
// way to its printable version. Opening it marks it seen (notices.get does, on the server).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useEffect } from "react";
import type { TNotice } from "~/server/notices/schema";
import { formatBytes, icsFileName } from "../../../_components/notices/format";
import { CategoryLabel, NoticeBody, useNoticeDates, useTargetLines, WindowText } from "../../../_components/notices/notice-parts";
import { useAcknowledge } from "../../../_components/notices/notices-live";
import { useToast } from "../../../_components/toast";
import { Button, Card, Empty, LoadError, Loading } from "../../../_components/ui";
import { downloadText } from "../../../_lib/download";
import { errorData } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { useDisplayName } from "../../../_lib/display-name";

/** The notice, marked seen: the badge and the list's "new" follow. */
export function useNotice(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notice = useQuery({ ...trpc.notices.get.queryOptions({ id }), retry: (count, e) => errorData(e)?.appCode !== "NOT_FOUND" && count < 2 });
  const isLoaded = notice.isSuccess;
  useEffect(() => {
    if (!isLoaded) return;
    void queryClient.invalidateQueries({ queryKey: trpc.notices.unseenCount.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.notices.list.pathKey() });
  }, [isLoaded, id, queryClient, trpc]);
  return notice;
}

export function NoticeNotFound() {
  const t = useTranslations("notices");
  return (
    <Card>
      <Empty title={t("notFound")}>
        <p>{t("notFoundHint")}</p>
        <Link href="/notices">{t("backToList")}</Link>
      </Empty>
    </Card>
  );
}

/** The notice once loaded; meanwhile loading, "not available" (gone or not theirs) or a retry. */
export function NoticeLoaded({ notice, children }: { notice: ReturnType<typeof useNotice>; children: (n: TNotice) => React.ReactNode }) {
  if (notice.isPending) return <Loading />;
  if (notice.isError) return errorData(notice.error)?.appCode === "NOT_FOUND" ? <NoticeNotFound /> : <LoadError onRetry={() => void notice.refetch()} />;
  return children(notice.data);
}

export function NoticeView({ id }: { id: string }) {
  const t = useTranslations("notices");
  const notice = useNotice(id);
  return (
    <div className="page notice-page">
      <Link href="/notices" className="back">
        ← {t("backToList")}
      </Link>
      <NoticeLoaded notice={notice}>{(n) => <Notice notice={n} />}</NoticeLoaded>
    </div>
  );
}

function Notice({ notice: n }: { notice: TNotice }) {
  const t = useTranslations("notices");
  const nameOf = useDisplayName();
  const dates = useNoticeDates();
  const lines = useTargetLines()(n.targets);
  const isUrgent = n.urgency === "urgent";
  return (
    <article className={`notice-article cat-${n.category} page`} data-testid="notice" data-id={n.id}>
      <header>
        <div className="notice-card-top">
          <CategoryLabel category={n.category} />
          <span className="notice-badges">
            {isUrgent && <span className="badge badge-urgent">{t("urgent")}</span>}
            {n.pinned && <span className="badge badge-pinned">{t("pinned")}</span>}
            {n.isExpired && <span className="badge badge-expired">{t("expired")}</span>}
          </span>
        </div>
        <h1>{n.title}</h1>
        <p className="notice-meta">
          {lines.join(" · ")}
          <br />
          {t("published", { date: dates.stamp(n.publishAt) })}
          {n.editedAt && (
            <span data-testid="notice-edited">
              {" "}
              · {t("edited", { date: dates.stamp(n.editedAt) })}
            </span>
          )}{" "}
          · {t("from", { name: nameOf(n.authorName) })}
        </p>
      </header>
      {isUrgent && <Acknowledge notice={n} />}
      {n.startsAt && <WindowCallout notice={n} startsAt={n.startsAt} place={lines.join(" · ")} />}
      <Card>
        <NoticeBody html={n.bodyHtml} />
      </Card>
      {n.attachments.length > 0 && <Attachments notice={n} />}
      <div className="notice-actions">
        <Link href={`/notices/${n.id}/print`} className="btn btn-secondary" data-testid="print-link">
          {t("print")}
        </Link>
      </div>
    </article>
  );
}

function Acknowledge({ notice: n }: { notice: TNotice }) {
  const t = useTranslations("notices");
  const dates = useNoticeDates();
  const acknowledge = useAcknowledge();
  if (n.acknowledgedAt)
    return (
      <div className="notice-ack is-done" data-testid="acknowledged">
        <p>✓ {t("acknowledgedOn", { date: dates.stamp(n.acknowledgedAt) })}</p>
      </div>
    );
  return (
    <div className="notice-ack">
      <p>{t("acknowledgeHint")}</p>
      <Button onClick={() => acknowledge.mutate({ id: n.id })} isBusy={acknowledge.isPending} data-testid="acknowledge">
        {t("acknowledge")}
      </Button>
    </div>
  );
}

function WindowCallout({ notice: n, startsAt, place }: { notice: TNotice; startsAt: Date; place: string }) {
  const t = useTranslations("notices");
  const toast = useToast();
  const addToCalendar = async () => {
    try {
      const url = `${window.location.origin}/notices/${n.id}`;
      const { noticeIcs } = await import("../../../_components/notices/ics");
      downloadText(icsFileName(n.title), noticeIcs({ id: n.id, title: n.title, startsAt, endsAt: n.endsAt, place, url }), "text/calendar;charset=utf-8");
    } catch {
      toast.show(t("calendarError"), { tone: "error" });
    }
  };
  return (
    <div className="notice-callout">
      <span className="notice-window" data-testid="notice-window">
        <WindowText category={n.category} startsAt={startsAt} endsAt={n.endsAt} />
      </span>
      <div className="notice-actions">
        <Button variant="secondary" onClick={addToCalendar} data-testid="add-to-calendar">
          {t("addToCalendar")}
        </Button>
      </div>
    </div>
  );
}

function Attachments({ notice: n }: { notice: TNotice }) {
  const t = useTranslations("notices");
  const locale = useLocale();
  return (
    <Card title={t("attachments")}>
      <ul className="notice-files" data-testid="notice-files">
        {n.attachments.map((a) => (
          <li key={a.id}>
            {a.kind === "image" ? (
              <figure>
                <a href={a.url} target="_blank" rel="noopener noreferrer">
                  <img src={a.url} alt={a.name} loading="lazy" />
                </a>
                <figcaption>{a.name}</figcaption>
              </figure>
            ) : (
              <a href={a.url} download={a.name} className="notice-file-link">
                <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinejoin="round" aria-hidden="true">
                  <path d="M6 3h8l4 4v14H6zM14 3v4h4M9 13h6M9 17h6" />
                </svg>
                <span>
                  {a.name} <span className="muted small">({t("pdf", { size: formatBytes(a.bytes, locale) })})</span>
                </span>
              </a>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
