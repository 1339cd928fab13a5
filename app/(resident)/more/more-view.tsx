"use client";
// "More" of a phone's tab bar: the sections the bar leaves out (app/_components/nav.ts), with
// their unseen counts. A role whose sections all fit the bar gets them all here.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { TRole } from "~/server/auth/roles";
import { UnreadBadge } from "../../_components/app-shell";
import { PageHead } from "../../_components/ui";
import { Icon } from "../../_components/icons";
import { isIn, navFor, phoneSplit } from "../../_components/nav";
import { NoticesBadge } from "../../_components/notices/notices-live";

export function MoreView({ roles }: { roles: TRole[] }) {
  const t = useTranslations("more");
  const tn = useTranslations("nav");
  const pathname = usePathname();
  const items = navFor(roles);
  const { more } = phoneSplit(items);
  return (
    <div className="page">
      <PageHead title={t("title")} lead={t("lead")} />
      <ul className="more-list" data-testid="more-list">
        {(more.length ? more : items).map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={isIn(pathname, item.href) ? "page" : undefined}>
              <span className="more-icon">
                <Icon name={item.icon} />
              </span>
              <span className="grow">{tn(item.key)}</span>
              {item.key === "notices" && <NoticesBadge testId="more-notices-badge" />}
              {item.key === "messages" && <UnreadBadge label={tn("unreadMessages")} testId="more-unread-messages" />}
              <span className="chevron">
                <Icon name="chevron" size={18} />
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
