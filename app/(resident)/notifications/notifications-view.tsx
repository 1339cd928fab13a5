"use client";
// The notification centre: everything addressed to the person, latest change first (an
// order's, a booking's, a conversation's and a bill's steps are one entry each, updated in
// place), unread ones marked, done ones greyed; opening one marks it read and follows its link.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { Button, Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useToast } from "../../_components/toast";
import { useErrorMessage } from "../../_lib/errors";
import { useDisplayName } from "../../_lib/display-name";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";

type TItem = { id: string; kind: string; params: Record<string, string | number>; link: string | null; isRead: boolean; isDone: boolean; isUrgent: boolean; createdAt: Date; updatedAt: Date };

/** One sentence per kind, from its params (checked when written). */
export function useNotificationText() {
  const t = useTranslations("notifications");
  const tc = useTranslations("notificationCentre");
  const tb = useTranslations("billKind");
  const to = useTranslations("orderStatus");
  const trc = useTranslations("repairCategory");
  const tca = useTranslations("commonRepairs.area");
  const format = useFormatter();
  const money = useMoney();
  const nameOf = useDisplayName();
  return (n: Pick<TItem, "kind" | "params">): { text: string; detail?: string } => {
    const p = n.params;
    const s = (k: string) => String(p[k] ?? "");
    const category = () => (tc.has(`category.${s("category")}`) ? tc(`category.${s("category")}`) : s("category"));
    switch (n.kind) {
      case "billDueSoon":
      case "billOverdue":
        return {
          text: t(n.kind, {
            kind: tb.has(s("billKind")) ? tb(s("billKind")) : s("billKind"),
            amount: money(Number(p.amount ?? 0), s("currency") || "EUR"),
            date: format.dateTime(new Date(`${s("dueDate")}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
            reference: s("reference"),
          }),
        };
      case "orderStatus":
        return { text: t("orderStatus", { shop: s("shop"), number: s("number"), status: to.has(s("status")) ? to(s("status")) : s("status"), amount: money(Number(p.amount ?? 0), s("currency") || "EUR") }) };
      case "chatMessage":
        return { text: t("chatMessage", { from: nameOf(s("from")) }) };
      case "repairBooking":
      case "repairRequest":
        return {
          text: t(n.kind, {
            who: n.kind === "repairBooking" ? s("repairer") : nameOf(s("resident")),
            category: trc.has(s("category")) ? trc(s("category")) : s("category"),
            when: format.dateTime(new Date(s("startsAt")), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
            status: s("status"),
          }),
        };
      case "commonRepair":
        return { text: t("commonRepair", { building: s("building"), title: s("title"), area: tca.has(s("area")) ? tca(s("area")) : s("area"), status: s("status") }) };
      case "parkingFreed":
        return { text: t("parkingFreed", { place: s("place"), free: Number(p.free ?? 0) }) };
      case "notice":
        return { text: tc("notice", { building: s("building"), title: s("title"), category: category() }) };
      case "urgentNotice":
        return { text: tc("urgentNotice", { building: s("building"), title: s("title"), category: category(), reminder: String(p.reminder ?? 0) }) };
      case "promotion":
        return { text: tc("promotion", { shop: s("shop"), title: s("title") }), detail: s("body") };
      case "dataExportReady":
        return { text: t("dataExportReady", { expiresAt: format.dateTime(new Date(s("expiresAt")), { dateStyle: "medium", timeStyle: "short" }) }) };
      default:
        return { text: n.kind };
    }
  };
}

export function NotificationsView() {
  const t = useTranslations("notifications");
  const tc = useTranslations("notificationCentre");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const textOf = useNotificationText();
  const list = useInfiniteQuery(trpc.notifications.list.infiniteQueryOptions({}, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: invalidate, onError: (e) => toast.show(errorMessage(e), { tone: "error" }) }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  const open = (n: TItem) => {
    if (!n.isRead) markRead.mutate({ ids: [n.id] });
    if (n.link) router.push(n.link);
  };

  return (
    <div className="page">
      <header className="page-head row-between">
        <h1>{t("title")}</h1>
        <div className="row notif-actions">
          {unread > 0 && (
            <Button variant="secondary" onClick={() => markRead.mutate({ ids: "all" }, { onSuccess: () => toast.show(tc("allRead")) })} isBusy={markRead.isPending} data-testid="mark-all-read">
              {t("markAllRead")}
            </Button>
          )}
          <Link href="/notifications/settings" className="btn btn-ghost" data-testid="notification-settings">
            {tc("settings")}
          </Link>
        </div>
      </header>
      <Card>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={t("empty")}>{tc("emptyHint")}</Empty>
        ) : (
          <>
            <ul className="list" data-testid="notifications">
              {items.map((n) => {
                const { text, detail } = textOf(n);
                const isBill = n.kind === "billDueSoon" || n.kind === "billOverdue";
                const state = n.isDone ? "is-done" : n.isRead ? "" : "is-unread";
                return (
                  <li key={n.id} className={`list-row notification ${state} ${n.isUrgent ? "is-urgent" : ""}`} data-testid="notification" data-kind={n.kind} data-read={n.isRead} data-done={n.isDone}>
                    {/* The name is what the row shows (no aria-label that would differ from it), "unread" said in words. */}
                    <button type="button" className="notification-open" onClick={() => open(n)}>
                      <span className="notification-line">
                        {!n.isRead && !n.isDone && (
                          <>
                            <span className="dot-unread" aria-hidden="true" />
                            <span className="sr-only">{t("unread")}</span>
                          </>
                        )}
                        {n.isUrgent && <span className="badge badge-urgent">{tc("urgent")}</span>}
                        {n.isDone && <span className="badge badge-done">{isBill ? tc("paid") : tc("done")}</span>}
                        <span className={n.kind === "billOverdue" && !n.isDone ? "text-danger" : undefined}>{text}</span>
                      </span>
                      {detail && <span className="notification-detail">{detail}</span>}
                      <span className="muted small block">
                        {format.relativeTime(n.updatedAt, now)}
                        {n.updatedAt.getTime() - n.createdAt.getTime() > 1000 && ` · ${tc("updated")}`}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {list.hasNextPage && (
              <div className="load-more">
                <Button variant="secondary" onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage} data-testid="load-more">
                  {tc("loadMore")}
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
