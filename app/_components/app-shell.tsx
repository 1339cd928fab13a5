"use client";
// The signed-in frame: brand bar, and the navigation of every role the person holds
// (the sections: nav.ts). Phones get a bottom tab bar of at most five items, the rest under
// "More" (/more); wider screens a side bar with every section. One <nav> holds both: the
// sections a phone leaves out are hidden there by CSS, so links keep one place.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { TRole } from "~/server/auth/roles";
import { Icon } from "./icons";
import { isIn, navFor, phoneSplit } from "./nav";
import { LocaleSwitcher } from "./locale-switcher";
import { NotificationBell } from "./notification-bell";
import { NoticesBadge, UrgentBanner } from "./notices/notices-live";
import { useRealtime } from "./realtime";
import { SkipLink } from "./skip-link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../_lib/trpc";

export function AppShell({ roles, name, children }: { roles: TRole[]; name: string; children: React.ReactNode }) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const pathname = usePathname();
  const { isConnected, socket } = useRealtime();
  const items = navFor(roles);
  const { more } = phoneSplit(items);
  const isMoreActive = pathname === "/more" || more.some((m) => isIn(pathname, m.href));
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
            const isActive = isIn(pathname, item.href);
            const inMore = more.includes(item);
            return (
              <li key={item.href} className={inMore ? "nav-in-more" : undefined}>
                <Link href={item.href} aria-current={isActive ? "page" : undefined} className={isActive ? "is-active" : ""}>
                  <Icon name={item.icon} />
                  {item.key === "shopReview" ? (
                    <>
                      <span className="nav-label nav-long">{t(item.key)}</span>
                      <span className="nav-label nav-short">{t("shopReviewShort")}</span>
                    </>
                  ) : (
                    <span className="nav-label">{t(item.key)}</span>
                  )}
                  {item.key === "messages" && <UnreadBadge label={t("unreadMessages")} />}
                  {item.key === "notices" && <NoticesBadge />}
                </Link>
              </li>
            );
          })}
          {more.length > 0 && (
            <li className="nav-more-item">
              <Link href="/more" aria-current={isMoreActive ? "page" : undefined} className={isMoreActive ? "is-active" : ""} data-testid="nav-more">
                <Icon name="more" />
                <span className="nav-label">{t("more")}</span>
                <MoreDot keys={more.map((m) => m.key)} />
              </Link>
            </li>
          )}
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
export function UnreadBadge({ label, testId = "unread-messages" }: { label: string; testId?: string }) {
  const trpc = useTRPC();
  const total = useQuery(trpc.chat.unreadCount.queryOptions()).data?.total ?? 0;
  if (!total) return null;
  return (
    <span className="count-badge" data-testid={testId} aria-label={label}>
      {total > 99 ? "99+" : total}
    </span>
  );
}

/** On a phone, a dot on "More" when a section under it has something unseen (notices, messages). */
function MoreDot({ keys }: { keys: string[] }) {
  const t = useTranslations("nav");
  const trpc = useTRPC();
  const notices = useQuery({ ...trpc.notices.unseenCount.queryOptions(), enabled: keys.includes("notices") }).data ?? 0;
  const messages = useQuery({ ...trpc.chat.unreadCount.queryOptions(), enabled: keys.includes("messages") }).data?.total ?? 0;
  if (!(keys.includes("notices") && notices) && !(keys.includes("messages") && messages)) return null;
  return <span className="more-dot" data-testid="more-dot" role="img" aria-label={t("moreHasNew")} />;
}
