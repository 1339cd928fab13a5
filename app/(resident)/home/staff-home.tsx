"use client";
// The merchant's, manager's and admin's homes (issue 15): per role held, "what needs me now",
// each card linking straight to where the work is done. Live: every socket event these
// cards depend on refetches `home` (server/realtime/socket-events.ts); ages tick on their own.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useCallback, useId } from "react";
import { Card, Empty, LoadError, Loading, PageHead } from "../../_components/ui";
import { useUnitLabel } from "../../_components/unit-label";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";
import { useDisplayName } from "../../_lib/display-name";

export type TStaffRole = "merchant" | "manager" | "admin";

type TMerchantHome = RouterOutputs["home"]["merchant"];
type TShopHome = TMerchantHome["shops"][number];
type TBuildingHome = RouterOutputs["home"]["manager"]["buildings"][number];

export function StaffHome({ roles }: { roles: readonly TStaffRole[] }) {
  const t = useTranslations("staffHome");
  return (
    <div className="page staff-home" data-testid="staff-home">
      <PageHead title={t("title")} lead={t("lead")} />
      {roles.includes("merchant") && <MerchantSection />}
      {roles.includes("manager") && <ManagerSection />}
      {roles.includes("admin") && <AdminSection />}
    </div>
  );
}

// ─── Shared bits ────────────────────────────────────────────────────────────

/** "12 min", "3 h", "2 days": how long something has waited, in the formatting locale; null under a minute. */
function useAge() {
  const format = useFormatter();
  return useCallback(
    (since: Date, now: Date): string | null => {
      const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
      if (minutes < 1) return null;
      const unit = (n: number, u: "minute" | "hour" | "day") => format.number(n, { style: "unit", unit: u, unitDisplay: u === "day" ? "long" : "short" });
      if (minutes < 60) return unit(minutes, "minute");
      if (minutes < 48 * 60) return unit(Math.floor(minutes / 60), "hour");
      return unit(Math.floor(minutes / 1440), "day");
    },
    [format],
  );
}

function Waiting({ since, now, kind = "waiting" }: { since: Date; now: Date; kind?: "waiting" | "since" }) {
  const t = useTranslations("staffHome.age");
  const age = useAge()(since, now);
  return (
    <span className="staff-home-age" data-testid="age" title={since.toISOString()}>
      {age === null ? t("justNow") : t(kind, { age })}
    </span>
  );
}

/** A card of the home: a title with its count, the few items, a link to where the work is done. */
function NeedCard({
  title,
  count,
  tone = "normal",
  link,
  testId,
  children,
}: {
  title: string;
  count?: number;
  tone?: "normal" | "alert" | "calm";
  link?: { href: string; label: string };
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <Card
      className={`staff-home-card is-${tone}`}
      title={
        <>
          {title}
          {count !== undefined && count > 0 && (
            <span className="staff-home-count" data-testid={`${testId}-count`}>
              {count}
            </span>
          )}
        </>
      }
    >
      <div className="staff-home-body" data-testid={testId}>
        <div className="staff-home-content">{children}</div>
        {link && (
          <Link className="staff-home-link" href={link.href}>
            {link.label} <span aria-hidden="true">→</span>
          </Link>
        )}
      </div>
    </Card>
  );
}

/** A kind empty state inside a card: a title and, if given, a line under it. */
function Calm({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="staff-home-calm">
      <p className="strong">{title}</p>
      {children && <p className="muted small">{children}</p>}
    </div>
  );
}

function RoleSection({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  const headingId = useId();
  return (
    <section className="staff-home-role" aria-labelledby={headingId} data-testid={`staff-home-${id}`}>
      <h2 id={headingId} className="staff-home-role-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function More({ count }: { count: number }) {
  const t = useTranslations("staffHome.merchant");
  if (count <= 0) return null;
  return <li className="muted small staff-home-more">{t("andMore", { count })}</li>;
}

// ─── Merchant ───────────────────────────────────────────────────────────────

function MerchantSection() {
  const t = useTranslations("staffHome.merchant");
  const trpc = useTRPC();
  const home = useQuery(trpc.home.merchant.queryOptions());
  const now = useNow({ updateInterval: 30_000 });
  const title = (home.data?.shops.length ?? 0) > 1 ? t("titleMany") : t("title");
  return (
    <RoleSection title={title} id="merchant">
      {home.isPending ? (
        <Loading />
      ) : home.isError ? (
        <LoadError onRetry={() => void home.refetch()} />
      ) : home.data.shops.length === 0 ? (
        <Card>
          <Empty title={t("noShop")}>
            <p>{t("noShopLead")}</p>
            <Link className="btn btn-secondary" href="/shop">
              {t("openShop")}
            </Link>
          </Empty>
        </Card>
      ) : (
        <>
          {home.data.shops.map((shop, i) => (
            <ShopPart key={shop.id} shop={shop} now={now} unread={i === 0 ? home.data.unreadMessages : null} showName={home.data.shops.length > 1} />
          ))}
          {home.data.moreShops > 0 && (
            <p className="muted">
              <Link href="/shop">{t("moreShops", { count: home.data.moreShops })}</Link>
            </p>
          )}
        </>
      )}
    </RoleSection>
  );
}

function ShopPart({ shop, now, unread, showName }: { shop: TShopHome; now: Date; unread: number | null; showName: boolean }) {
  const t = useTranslations("staffHome.merchant");
  const money = useMoney();
  const isApproved = shop.status === "approved";
  return (
    <div className="staff-home-group" data-testid="staff-home-shop" data-shop={shop.name}>
      {(showName || !isApproved) && (
        <div className="staff-home-group-head">
          <h3>{shop.name}</h3>
          {!isApproved && <span className={`badge badge-${shop.status === "pending" ? "pending" : "rejected"}`}>{t(`status.${shop.status}`)}</span>}
        </div>
      )}
      <div className="staff-home-grid">
        {!isApproved && (
          <NeedCard title={t(`status.${shop.status}`)} testId="shop-status" tone="calm">
            <p className="muted">{t("notApprovedLead")}</p>
          </NeedCard>
        )}
        {isApproved && shop.kind === "shop" && <NewOrders shop={shop} now={now} />}
        {isApproved && shop.kind === "shop" && <Deliveries shop={shop} />}
        {isApproved && shop.kind === "repairer" && <RepairRequests shop={shop} now={now} />}
        {unread !== null && (
          <NeedCard
            title={t("messages")}
            count={unread}
            tone={unread > 0 ? "alert" : "calm"}
            testId="unread-messages"
            link={{ href: "/messages?as=merchant", label: t("openMessages") }}
          >
            {unread > 0 ? <p>{t("unread", { count: unread })}</p> : <Calm title={t("noUnread")}>{t("noUnreadLead")}</Calm>}
          </NeedCard>
        )}
        <NeedCard title={t("takings")} testId="takings" tone="normal" link={shop.kind === "shop" && isApproved ? { href: `/shop?shop=${shop.id}&tab=qr`, label: t("takingQr") } : undefined}>
          <p className="staff-home-figure" data-testid="takings-net">
            {money(shop.takings.net, shop.currency)}
          </p>
          {shop.takings.orders.count + shop.takings.qr.count + shop.takings.deposits.count + shop.takings.refunds.count === 0 ? (
            <p className="muted small">{t("takingsNone")}</p>
          ) : (
            <dl className="staff-home-breakdown small">
              {shop.takings.orders.count > 0 && <Line label={t("takingsOrders", { count: shop.takings.orders.count })} value={money(shop.takings.orders.amount, shop.currency)} />}
              {shop.takings.qr.count > 0 && <Line label={t("takingsQr", { count: shop.takings.qr.count })} value={money(shop.takings.qr.amount, shop.currency)} />}
              {shop.takings.deposits.count > 0 && <Line label={t("takingsDeposits", { count: shop.takings.deposits.count })} value={money(shop.takings.deposits.amount, shop.currency)} />}
              {shop.takings.refunds.count > 0 && <Line label={t("takingsRefunds", { count: shop.takings.refunds.count })} value={money(-shop.takings.refunds.amount, shop.currency)} />}
            </dl>
          )}
        </NeedCard>
      </div>
    </div>
  );
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <div className="staff-home-line">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function NewOrders({ shop, now }: { shop: TShopHome; now: Date }) {
  const t = useTranslations("staffHome.merchant");
  const nameOf = useDisplayName();
  const money = useMoney();
  const { count, items } = shop.waitingOrders;
  return (
    <NeedCard title={t("newOrders")} count={count} tone={count > 0 ? "alert" : "calm"} testId="new-orders" link={{ href: `/shop?shop=${shop.id}&tab=orders`, label: t("openBoard") }}>
      {count === 0 ? (
        <Calm title={t("noNewOrders")}>{t("noNewOrdersLead")}</Calm>
      ) : (
        <>
          <p className="muted small">{t("newOrdersLead", { count })}</p>
          <ul className="list staff-home-items">
            {items.map((o) => (
              <li key={o.id} className="staff-home-item" data-testid="waiting-order" data-number={o.number}>
                <span className="grow">
                  <span className="strong">{t("order", { number: o.number, name: nameOf(o.customerName) })}</span>
                  <br />
                  <Waiting since={o.createdAt} now={now} />
                </span>
                <span className="amount">{money(o.total, shop.currency)}</span>
              </li>
            ))}
            <More count={count - items.length} />
          </ul>
        </>
      )}
    </NeedCard>
  );
}

function Deliveries({ shop }: { shop: TShopHome }) {
  const t = useTranslations("staffHome.merchant");
  const money = useMoney();
  const windows = shop.deliveries;
  return (
    <NeedCard title={t("deliveries")} testId="deliveries" tone="normal" link={windows.length ? { href: `/shop?shop=${shop.id}&tab=orders`, label: t("pickingList") } : undefined}>
      {windows.length === 0 ? (
        <Calm title={t("noDeliveries")}>{t("noDeliveriesLead")}</Calm>
      ) : (
        <ul className="list staff-home-items">
          {windows.map((w) => (
            <li key={`${w.starts}-${w.ends}`} className="staff-home-item" data-testid="delivery-window">
              <span className="grow">
                <span className="strong">{t("window", { starts: w.starts, ends: w.ends })}</span>
                <br />
                <span className="muted small">
                  {t("windowOrders", { count: w.orders })}
                  {w.toAccept > 0 && <> · {t("windowToAccept", { count: w.toAccept })}</>}
                  {w.delivered > 0 && <> · {t("windowDelivered", { count: w.delivered })}</>}
                </span>
              </span>
              <span className="amount">{money(w.total, shop.currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </NeedCard>
  );
}

function RepairRequests({ shop, now }: { shop: TShopHome; now: Date }) {
  const t = useTranslations("staffHome.merchant");
  const tc = useTranslations("repairCategory");
  const nameOf = useDisplayName();
  const format = useFormatter();
  const { count, items } = shop.repairRequests;
  return (
    <NeedCard title={t("requests")} count={count} tone={count > 0 ? "alert" : "calm"} testId="repair-requests" link={{ href: `/shop?shop=${shop.id}&tab=requests`, label: t("allRequests") }}>
      {count === 0 ? (
        <Calm title={t("noRequests")}>{t("noRequestsLead")}</Calm>
      ) : (
        <>
          <p className="muted small">{t("requestsLead", { count })}</p>
          <ul className="list staff-home-items">
            {items.map((b) => (
              <li key={b.id} className="staff-home-item" data-testid="repair-request">
                <Link className="grow staff-home-item-link" href={`/shop/repairs/${b.id}`}>
                  <span className="strong">{t("request", { name: nameOf(b.residentName), category: tc(b.category) })}</span>
                  <br />
                  <span className="muted small">
                    {t("requestFor", { when: format.dateTime(b.startsAt, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: shop.timeZone }) })}
                  </span>
                  <br />
                  <Waiting since={b.requestedAt} now={now} />
                </Link>
              </li>
            ))}
            <More count={count - items.length} />
          </ul>
        </>
      )}
    </NeedCard>
  );
}

// ─── Manager ────────────────────────────────────────────────────────────────

function ManagerSection() {
  const t = useTranslations("staffHome.manager");
  const trpc = useTRPC();
  const home = useQuery(trpc.home.manager.queryOptions());
  const now = useNow({ updateInterval: 30_000 });
  return (
    <RoleSection title={t("title")} id="manager">
      {home.isPending ? (
        <Loading />
      ) : home.isError ? (
        <LoadError onRetry={() => void home.refetch()} />
      ) : home.data.buildings.length === 0 ? (
        <Card>
          <Empty title={t("noBuildings")}>
            <p>{t("noBuildingsLead")}</p>
            <Link href="/buildings">{t("openBuildings")}</Link>
          </Empty>
        </Card>
      ) : (
        <>
          <div className="staff-home-buildings">
            {home.data.buildings.map((b) => (
              <BuildingCard key={b.id} b={b} now={now} />
            ))}
          </div>
          {home.data.moreBuildings > 0 && (
            <p className="muted">
              <Link href="/buildings">{t("moreBuildings", { count: home.data.moreBuildings })}</Link>
            </p>
          )}
        </>
      )}
    </RoleSection>
  );
}

/** One building: its four things to watch, each a row linking to the building's tab for it. */
function BuildingCard({ b, now }: { b: TBuildingHome; now: Date }) {
  const t = useTranslations("staffHome.manager");
  const tr = useTranslations("commonRepairs");
  const money = useMoney();
  const format = useFormatter();
  const unitLabel = useUnitLabel();
  const base = `/buildings/${b.id}`;
  const needs = b.requests.count + b.arrears.units + b.urgentNotices.length + b.commonRepairs.count;
  return (
    <Card
      className={`staff-home-building ${needs > 0 ? "has-needs" : ""}`}
      title={
        <Link className="staff-home-building-name" href={base}>
          {b.name}
        </Link>
      }
    >
      <div data-testid="staff-home-building" data-building={b.name}>
        <Topic title={t("requests")} count={b.requests.count} href={`${base}?tab=requests`} linkLabel={t("decide")} testId="join-requests" empty={t("noRequests")}>
          <ul className="list staff-home-items">
            {b.requests.items.map((r) => (
              <li key={r.id} className="staff-home-item" data-testid="join-request">
                <span className="grow">
                  <span className="strong">{t("request", { name: r.name, unit: unitLabel(r.unit) })}</span>
                  <br />
                  <Waiting since={r.createdAt} now={now} />
                </span>
              </li>
            ))}
            <More count={b.requests.count - b.requests.items.length} />
          </ul>
        </Topic>
        <Topic title={t("arrears")} count={b.arrears.units} href={`${base}?tab=bills`} linkLabel={t("openBills")} testId="arrears" empty={t("noArrears")}>
          <p>
            {t("arrearsLine", { count: b.arrears.units })} · <span className="strong staff-home-danger">{t("arrearsTotal", { amount: money(b.arrears.overdue, b.arrears.currency) })}</span>
          </p>
        </Topic>
        <Topic title={t("notices")} count={b.urgentNotices.length} href={`${base}?tab=notices`} linkLabel={t("openNotices")} testId="urgent-notices" empty={t("noNotices")}>
          <ul className="list staff-home-items">
            {b.urgentNotices.map((n) => {
              const rate = n.units === 0 ? 0 : n.acknowledgedUnits / n.units;
              return (
                <li key={n.id} className="staff-home-item" data-testid="urgent-notice">
                  <Link className="grow staff-home-item-link" href={`${base}/notices/${n.id}`}>
                    <span className="strong">{n.title}</span>
                    <br />
                    <span className="muted small">
                      {t("acknowledged", { acked: n.acknowledgedUnits, units: n.units })} · {format.number(rate, { style: "percent" })}
                    </span>
                  </Link>
                  <meter className="staff-home-meter" min={0} max={1} value={rate} aria-label={t("acknowledgedRate", { rate: format.number(rate, { style: "percent" }) })} />
                </li>
              );
            })}
          </ul>
        </Topic>
        <Topic title={t("commonRepairs")} count={b.commonRepairs.count} href={`${base}?tab=commonRepairs`} linkLabel={t("openCommonRepairs")} testId="common-repairs" empty={t("noCommonRepairs")}>
          <ul className="list staff-home-items">
            {b.commonRepairs.items.map((r) => (
              <li key={r.id} className="staff-home-item" data-testid="common-repair">
                <span className="grow">
                  <span className="strong">{r.title}</span>
                  <br />
                  <span className="muted small">
                    {tr(`status.${r.status}`)}
                    {r.staircase && <> · {tr("staircase", { name: r.staircase })}</>}
                    {r.supporters > 0 && <> · {t("supporters", { count: r.supporters })}</>} · <Waiting since={r.createdAt} now={now} kind="since" />
                  </span>
                </span>
              </li>
            ))}
            <More count={b.commonRepairs.count - b.commonRepairs.items.length} />
          </ul>
        </Topic>
      </div>
    </Card>
  );
}

function Topic({
  title,
  count,
  href,
  linkLabel,
  testId,
  empty,
  children,
}: {
  title: string;
  count: number;
  href: string;
  linkLabel: string;
  testId: string;
  empty: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`staff-home-topic ${count > 0 ? "is-alert" : "is-calm"}`} data-testid={testId}>
      <div className="staff-home-topic-head">
        <h3>
          {title}
          {count > 0 && (
            <span className="staff-home-count" data-testid={`${testId}-count`}>
              {count}
            </span>
          )}
        </h3>
        {count > 0 && (
          <Link className="staff-home-link" href={href}>
            {linkLabel} <span aria-hidden="true">→</span>
          </Link>
        )}
      </div>
      {count > 0 ? children : <p className="muted small staff-home-topic-empty">{empty}</p>}
    </div>
  );
}

// ─── Admin ──────────────────────────────────────────────────────────────────

function AdminSection() {
  const t = useTranslations("staffHome.admin");
  const nameOf = useDisplayName();
  const tr = useTranslations("chat.reasons");
  const trpc = useTRPC();
  // Feeds go quiet without any event: the staleness is read again every minute.
  const home = useQuery({ ...trpc.home.admin.queryOptions(), refetchInterval: 60_000 });
  const now = useNow({ updateInterval: 30_000 });
  return (
    <RoleSection title={t("title")} id="admin">
      {home.isPending ? (
        <Loading />
      ) : home.isError ? (
        <LoadError onRetry={() => void home.refetch()} />
      ) : (
        <div className="staff-home-grid">
          {(["shops", "repairers"] as const).map((kind) => {
            const part = home.data[kind];
            return (
              <NeedCard
                key={kind}
                title={t(kind)}
                count={part.count}
                tone={part.count > 0 ? "alert" : "calm"}
                testId={`approve-${kind}`}
                link={part.count > 0 ? { href: "/admin/shops", label: t("review") } : undefined}
              >
                {part.count === 0 ? (
                  <Calm title={kind === "shops" ? t("noShops") : t("noRepairers")} />
                ) : (
                  <ul className="list staff-home-items">
                    {part.items.map((s) => (
                      <li key={s.id} className="staff-home-item" data-testid="waiting-shop">
                        <span className="grow">
                          <span className="strong">{t("waitingShop", { name: s.name, owner: nameOf(s.ownerName) })}</span>
                          <br />
                          <Waiting since={s.createdAt} now={now} />
                        </span>
                      </li>
                    ))}
                    <More count={part.count - part.items.length} />
                  </ul>
                )}
              </NeedCard>
            );
          })}
          <NeedCard
            title={t("reports")}
            count={home.data.reports.count}
            tone={home.data.reports.count > 0 ? "alert" : "calm"}
            testId="open-reports"
            link={home.data.reports.count > 0 ? { href: "/admin/reports", label: t("openReports") } : undefined}
          >
            {home.data.reports.count === 0 ? (
              <Calm title={t("noReports")} />
            ) : (
              <>
                <p className="muted small">{home.data.reports.isMore ? t("reportsMore", { count: home.data.reports.count }) : t("reportsLead", { count: home.data.reports.count })}</p>
                <ul className="list staff-home-items">
                  {home.data.reports.items.map((r) => (
                    <li key={r.id} className="staff-home-item">
                      <span className="grow">
                        <span className="strong">{t("report", { reason: tr(r.reason), shop: r.shopName })}</span>
                        <br />
                        <Waiting since={r.createdAt} now={now} />
                      </span>
                    </li>
                  ))}
                  <More count={home.data.reports.count - home.data.reports.items.length} />
                </ul>
              </>
            )}
          </NeedCard>
          <StaleFeeds feeds={home.data.staleFeeds} now={now} />
        </div>
      )}
    </RoleSection>
  );
}

function StaleFeeds({ feeds, now }: { feeds: RouterOutputs["home"]["admin"]["staleFeeds"]; now: Date }) {
  const t = useTranslations("staffHome.admin");
  const age = useAge();
  const minutes = feeds.staleAfterMinutes;
  const count = feeds.operators.reduce((s, o) => s + o.places, 0);
  return (
    <NeedCard title={t("feeds")} count={count} tone={count > 0 ? "alert" : "calm"} testId="stale-feeds" link={{ href: "/admin/parking", label: t("openParking") }}>
      {feeds.operators.length === 0 ? (
        <Calm title={t("noFeeds")}>{t("noFeedsLead", { minutes })}</Calm>
      ) : (
        <ul className="list staff-home-items">
          {feeds.operators.map((o) => (
            <li key={o.operatorId} className="staff-home-item" data-testid="stale-operator" data-operator={o.operatorName}>
              <span className="grow">
                <span className="strong">{o.operatorName}</span>
                <br />
                <span className="muted small">{t("feedLine", { count: o.places, minutes })}</span>
                <ul className="staff-home-sublist small">
                  {o.examples.map((p) => (
                    <li key={p.id}>
                      {p.name} · <span className="muted">{p.observedAt ? t("lastCount", { age: age(p.observedAt, now) ?? "1 min" }) : t("neverReported")}</span>
                    </li>
                  ))}
                </ul>
              </span>
            </li>
          ))}
        </ul>
      )}
    </NeedCard>
  );
}
