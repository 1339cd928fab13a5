"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { Button, Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";

export function NotificationsView() {
  const t = useTranslations("notifications");
  const tb = useTranslations("billKind");
  const to = useTranslations("orderStatus");
  const trc = useTranslations("repairCategory");
  const tca = useTranslations("commonRepairs.area");
  const tn = useTranslations("notices");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.notifications.list.queryOptions());
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }) }),
  );

  const text = (n: { kind: string; params: Record<string, string | number> }) => {
    const p = n.params;
    if (n.kind === "billDueSoon" || n.kind === "billOverdue") {
      const kind = String(p.billKind ?? "");
      return t(n.kind, {
        kind: tb.has(kind) ? tb(kind) : kind,
        amount: money(Number(p.amount ?? 0), String(p.currency ?? "EUR")),
        date: format.dateTime(new Date(`${String(p.dueDate)}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
        reference: String(p.reference ?? ""),
      });
    }
    if (n.kind === "orderStatus") {
      const status = String(p.status ?? "");
      return t("orderStatus", {
        shop: String(p.shop ?? ""),
        number: String(p.number ?? ""),
        status: to.has(status) ? to(status) : status,
        amount: money(Number(p.amount ?? 0), String(p.currency ?? "EUR")),
      });
    }
    if (n.kind === "chatMessage") return t("chatMessage", { from: String(n.params.from ?? "") });
    if (n.kind === "repairBooking" || n.kind === "repairRequest") {
      const status = String(p.status ?? "");
      const category = String(p.category ?? "");
      return t(n.kind, {
        who: String(p.repairer ?? p.resident ?? ""),
        category: trc.has(category) ? trc(category) : category,
        when: format.dateTime(new Date(String(p.startsAt)), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
        status,
      });
    }
    if (n.kind === "commonRepair") {
      const area = String(p.area ?? "");
      return t("commonRepair", { building: String(p.building ?? ""), title: String(p.title ?? ""), area: tca.has(area) ? tca(area) : area, status: String(p.status ?? "") });
    }
    if (n.kind === "notice" || n.kind === "urgentNotice") {
      const category = String(p.category ?? "");
      return tn(n.kind === "notice" ? "notification" : "notificationUrgent", {
        building: String(p.building ?? ""),
        title: String(p.title ?? ""),
        category: tn.has(`category.${category}`) ? tn(`category.${category}`) : category,
        reminder: Number(p.reminder ?? 0) === 1 ? "yes" : "no",
      });
    }
    if (n.kind === "parkingFreed") return t("parkingFreed", { place: String(n.params.place ?? ""), free: Number(n.params.free ?? 0) });
    return t.has(n.kind) ? t(n.kind) : n.kind;
  };

  return (
    <div className="page">
      <header className="page-head row-between">
        <h1>{t("title")}</h1>
        {!!list.data?.unread && (
          <Button variant="secondary" onClick={() => markRead.mutate({ ids: "all" })} isBusy={markRead.isPending}>
            {t("markAllRead")}
          </Button>
        )}
      </header>
      <Card>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty title={t("empty")}>{t("emptyHint")}</Empty>
        ) : (
          <ul className="list" data-testid="notifications">
            {list.data.items.map((n) => (
              <li key={n.id} className={`list-row notification ${n.isRead ? "" : "is-unread"}`}>
                <span className="grow">
                  {!n.isRead && <span className="dot-unread" aria-label={t("unread")} />}
                  <span className={n.kind === "billOverdue" ? "text-danger" : undefined}>{text(n)}</span>
                  <span className="muted small block">{format.relativeTime(n.createdAt, now)}</span>
                </span>
                {n.link && (
                  <Link href={n.link} className="small" onClick={() => !n.isRead && markRead.mutate({ ids: [n.id] })}>
                    {t("open")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
