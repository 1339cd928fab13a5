"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTRPC } from "../_lib/trpc";
import { Icon } from "./icons";
import { useSocketEvent } from "./realtime";
import { useToast } from "./toast";

/**
 * The bell in the top bar (every role): unread count, live (the socket invalidates it), and
 * the live alert: a toast when the server says to alert (not switched off; urgent, or outside
 * the person's quiet hours: decided by notify()), except on the centre itself.
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const tc = useTranslations("notificationCentre");
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions()).data ?? 0;
  useSocketEvent("notifications:changed", (payload) => {
    if (!payload?.alert || pathname === "/notifications") return;
    toast.show(tc("newAlert"), { tone: "info", action: { label: tc("see"), run: () => router.push("/notifications") } });
  });
  return (
    <Link href="/notifications" className="bell" aria-label={t("bellLabel", { count: unread })} data-testid="notification-bell">
      <Icon name="bell" size={22} />
      {unread > 0 && <span className="bell-count" data-testid="notification-count">{unread > 99 ? "99+" : unread}</span>}
    </Link>
  );
}
