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
import { useRealtime } from "./realtime";

type NavItem = {
  href: string;
  key: "home" | "bills" | "shops" | "wallet" | "myShop" | "shopReview" | "buildings" | "account";
  icon: "home" | "bills" | "shop" | "wallet" | "store" | "check" | "buildings" | "account";
  roles: TRole[] | "all";
};

export const NAV: NavItem[] = [
  { href: "/home", key: "home", icon: "home", roles: "all" },
  { href: "/bills", key: "bills", icon: "bills", roles: ["resident"] },
  { href: "/shops", key: "shops", icon: "shop", roles: ["resident"] },
  { href: "/wallet", key: "wallet", icon: "wallet", roles: "all" },
  { href: "/shop", key: "myShop", icon: "store", roles: ["merchant"] },
  { href: "/admin/shops", key: "shopReview", icon: "check", roles: ["admin"] },
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
  return (
    <div className="shell">
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
                  <span>{t(item.key)}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main className="content" id="main">
        {children}
      </main>
    </div>
  );
}
