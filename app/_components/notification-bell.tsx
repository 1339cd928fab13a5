"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "../_lib/trpc";
import { Icon } from "./icons";

/** The bell in the top bar: unread count, live (the socket invalidates it). */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions()).data ?? 0;
  return (
    <Link href="/notifications" className="bell" aria-label={t("bellLabel", { count: unread })} data-testid="notification-bell">
      <Icon name="bell" size={22} />
      {unread > 0 && <span className="bell-count" data-testid="notification-count">{unread > 99 ? "99+" : unread}</span>}
    </Link>
  );
}
