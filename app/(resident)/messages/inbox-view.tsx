"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { TConversation, TSide } from "~/server/chat/schema";
import { Button, Empty, LoadError, Loading } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";
import { useDisplayName } from "../../_lib/display-name";

export function InboxView({ isMerchant, isResident }: { isMerchant: boolean; isResident: boolean }) {
  const t = useTranslations("chat");
  const trpc = useTRPC();
  const router = useRouter();
  const asParam = useSearchParams().get("as");
  const as: TSide = asParam === "resident" || asParam === "merchant" ? asParam : isMerchant ? "merchant" : "resident";
  const unread = useQuery(trpc.chat.unreadCount.queryOptions()).data;
  const list = useInfiniteQuery(
    trpc.chat.list.infiniteQueryOptions({ as }, { getNextPageParam: (last) => last.nextCursor ?? undefined, initialCursor: null }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page inbox-page">
      <h1>{t("title")}</h1>
      {isMerchant && isResident && (
        <div className="tabs" role="tablist" aria-label={t("title")}>
          {(["merchant", "resident"] as const).map((side) => (
            <button
              key={side}
              type="button"
              role="tab"
              aria-selected={as === side}
              className={`tab ${as === side ? "is-active" : ""}`}
              onClick={() => router.replace(`/messages?as=${side}`)}
            >
              {side === "merchant" ? t("asMerchant") : t("asResident")}
              {!!unread?.[side] && <span className="count-badge">{unread[side]}</span>}
            </button>
          ))}
        </div>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        as === "resident" ? (
          <Empty title={t("emptyResident")}>
            <p className="muted">{t("emptyResidentHint")}</p>
            <Link href="/shops" className="btn btn-primary">
              {t("browseShops")}
            </Link>
          </Empty>
        ) : (
          <Empty title={t("emptyMerchant")}>
            <p className="muted">{t("emptyMerchantHint")}</p>
          </Empty>
        )
      ) : (
        <>
          <ul className="inbox" data-testid="inbox">
            {items.map((c) => (
              <InboxItem key={c.id} c={c} />
            ))}
          </ul>
          {list.hasNextPage && (
            <Button variant="secondary" onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
              {t("loadMore")}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function InboxItem({ c }: { c: TConversation }) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const nameOf = useDisplayName();
  const name = c.side === "resident" ? c.shop.name : nameOf(c.residentName);
  const last = c.lastMessage;
  const when = last ? shortWhen(last.createdAt, format) : "";
  return (
    <li>
      <Link href={`/messages/${c.id}`} className={`inbox-item ${c.unread ? "is-unread" : ""}`} data-testid="inbox-item">
        {c.side === "resident" && c.shop.photoUrl ? (
          <img src={c.shop.photoUrl} alt="" className="avatar" />
        ) : (
          <span className="avatar avatar-initials" aria-hidden="true">
            {initials(name)}
          </span>
        )}
        <span className="inbox-main">
          <span className="inbox-top">
            <span className="inbox-name">{name}</span>
            <time className="inbox-time" dateTime={last?.createdAt.toISOString()}>
              {when}
            </time>
          </span>
          <span className="inbox-bottom">
            <span className="inbox-preview">
              {last && last.side === c.side && <span className="muted">{t("you")}</span>}
              {last && !last.body ? (last.hasPhoto ? t("photo") : <em>{t("messageDeleted")}</em>) : last?.body}
            </span>
            {c.unread > 0 && (
              <span className="count-badge" aria-label={t("unread", { count: c.unread })}>
                {c.unread > 99 ? "99+" : c.unread}
              </span>
            )}
          </span>
          {c.order && <span className="chip chip-small">{t("orderChip", { number: c.order.number })}</span>}
        </span>
      </Link>
    </li>
  );
}

export function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

function shortWhen(d: Date, format: ReturnType<typeof useFormatter>) {
  const now = new Date();
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return format.dateTime(d, { hour: "2-digit", minute: "2-digit" });
  const days = (now.getTime() - d.getTime()) / 86_400_000;
  if (days < 6) return format.dateTime(d, { weekday: "short" });
  return format.dateTime(d, { day: "numeric", month: "short" });
}
