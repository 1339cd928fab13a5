"use client";
// The signed-in frame: brand bar, and the navigation of every role the person holds.
// Phones get a bottom tab bar; wider screens a side bar. A section is listed once its
// capability exists.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { TRole } from "~/server/auth/roles";
import { Icon } from "./icons";
import { LocaleSwitcher } from "./locale-switcher";
import { NotificationBell } from "./notification-bell";
import { NoticesBadge, UrgentBanner } from "./notices/notices-live";
import { useRealtime } from "./realtime";
import { SkipLink } from "./skip-link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../_lib/trpc";

type NavItem = {
  href: string;
  key: "home" | "notices" | "bills" | "shops" | "parking" | "repairs" | "messages" | "wallet" | "myShop" | "shopReview" | "reports" | "buildings" | "account";
  icon: "home" | "megaphone" | "bills" | "shop" | "parking" | "wrench" | "chat" | "wallet" | "store" | "check" | "flag" | "buildings" | "account";
  roles: TRole[] | "all";
};

export const NAV: NavItem[] = [
  { href: "/home", key: "home", icon: "home", roles: "all" },
  { href: "/notices", key: "notices", icon: "megaphone", roles: ["resident"] },
  { href: "/bills", key: "bills", icon: "bills", roles: ["resident"] },
  { href: "/shops", key: "shops", icon: "shop", roles: ["resident"] },
  { href: "/parking", key: "parking", icon: "parking", roles: ["resident", "manager", "admin"] },
  { href: "/repairs", key: "repairs", icon: "wrench", roles: ["resident"] },
  { href: "/messages", key: "messages", icon: "chat", roles: ["resident", "merchant"] },
  { href: "/wallet", key: "wallet", icon: "wallet", roles: "all" },
  { href: "/shop", key: "myShop", icon: "store", roles: ["merchant"] },
  { href: "/admin/shops", key: "shopReview", icon: "check", roles: ["admin"] },
  { href: "/admin/reports", key: "reports", icon: "flag", roles: ["admin"] },
  { href: "/buildings", key: "buildings", icon: "buildings", roles: ["manager", "admin"] },
  { href: "/account", key: "account", icon: "account", roles: "all" },
];

export function navFor(roles: TRole[]) {
  return NAV.filter((n) => n.roles === "all" || n.roles.some((r) => roles.includes(r)));
}

export function AppShell({ roles, name, children }: { roles: TRole[]; name: string; children: React.ReactNode }) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const pathname = usePathname();
  const { isConnected, socket } = useRealtime();
  const items = navFor(roles);
  const isResident = roles.includes("resident");
  return (
    <div className="shell">
      <SkipLink />
      <header className="topbar">
        <Link href="/home" className="brand">
          <span className="brand-mark" aria-hidden="true">Q</span> {tc("appName")}
        </Link>
        <div className="topbar-right">
          {socket && (
            <span className={`live ${isConnected ? "is-on" : ""}`} data-testid="live-status" data-connected={isConnected}>
              <span className="dot" aria-hidden="true" />
              {isConnected ? tc("live") : tc("offline")}
            </span>
          )}
          <NotificationBell />
          <LocaleSwitcher isSignedIn />
          <span className="who">{name}</span>
        </div>
      </header>
      <nav className="nav" aria-label={t("main")}>
        <ul>
          {items.map((item) => {
            const isActive = pathname === item.href || pathname.startsWith(item.href + "/") || (item.href === "/shops" && pathname.startsWith("/orders"));
            return (
              <li key={item.href}>
                <Link href={item.href} aria-current={isActive ? "page" : undefined} className={isActive ? "is-active" : ""}>
                  <Icon name={item.icon} />
                  {item.key === "shopReview" ? (
                    <>
                      <span className="nav-long">{t(item.key)}</span>
                      <span className="nav-short">{t("shopReviewShort")}</span>
                    </>
                  ) : (
                    <span>{t(item.key)}</span>
                  )}
                  {item.key === "messages" && <UnreadBadge label={t("unreadMessages")} />}
                  {item.key === "notices" && <NoticesBadge />}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        {isResident && (
          <>
            <UrgentBanner />
          </>
        )}
        {children}
      </main>
    </div>
  );
}

/** Unread chat messages across the person's conversations (live: the socket refetches it). */
function UnreadBadge({ label }: { label: string }) {
  const trpc = useTRPC();
  const total = useQuery(trpc.chat.unreadCount.queryOptions()).data?.total ?? 0;
  if (!total) return null;
  return (
    <span className="count-badge" data-testid="unread-messages" aria-label={label}>
      {total > 99 ? "99+" : total}
    </span>
  );
}
