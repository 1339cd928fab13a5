"use client";
// The resident's home (issue 15): what needs them now, from one query (home.resident) that
// every live event a home shows refetches (server/realtime/socket-events.ts). Someone with no
// active home yet sees the first run instead: their requests and the two ways to join.
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { Icon } from "../../_components/icons";
import { Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useUnitLabel } from "../../_components/unit-label";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";
import { useMembershipToasts } from "./membership-toasts";

// The join forms (zod, react-hook-form) load only for the first run, when someone has no home yet.
const JoinForms = dynamic(() => import("./join-forms").then((m) => m.JoinForms), { loading: () => <Loading /> });
const MyHomesCard = dynamic(() => import("./join-forms").then((m) => m.MyHomesCard), { loading: () => <Loading /> });

type THome = RouterOutputs["home"]["resident"];

/** isSecondary: below a staff home (someone who is also a resident), under that page's title. */
export function ResidentHome({ name, isSecondary = false }: { name: string; isSecondary?: boolean }) {
  const t = useTranslations("home");
  const trpc = useTRPC();
  // Fresh on every visit: counts change while the person is on other pages (a notice opened).
  const home = useQuery(trpc.home.resident.queryOptions(undefined, { staleTime: 0 }));
  useMembershipToasts();
  const retry = () => void home.refetch();

  const isFirstRun = home.data && !home.data.memberships.some((m) => m.status === "active");
  return (
    <div className="page home">
      <header className="page-head home-head">
        {isSecondary ? <h2 className="home-secondary-title">{t("atHome")}</h2> : <h1>{t("greeting", { name })}</h1>}
        {home.data && !isFirstRun ? <HomesLine memberships={home.data.memberships} /> : <p className="muted">{t("lead")}</p>}
      </header>

      {home.isError ? (
        <Card>
          <LoadError onRetry={retry} />
        </Card>
      ) : isFirstRun ? (
        <>
          <MyHomesCard title={t("myHomes")} />
          <JoinForms />
        </>
      ) : (
        <>
          <section className="home-todo" aria-labelledby="home-todo-title">
            <h2 id="home-todo-title" className="home-section-title">
              {t("todoTitle")}
            </h2>
            <div className="home-grid">
              <BillsCard data={home.data?.bills} balance={home.data?.wallet?.balance ?? null} onRetry={retry} />
              <NoticesCard data={home.data?.notices} onRetry={retry} />
              <ComingUpCard home={home.data} onRetry={retry} />
            </div>
          </section>
          <div className="home-grid">
            <WalletCard data={home.data?.wallet} onRetry={retry} />
            <ParkingCard data={home.data?.parking} onRetry={retry} />
          </div>
          <ServiceTiles home={home.data} />
        </>
      )}
    </div>
  );
}

/** Where the person lives, in one line, with a way to manage their homes (on the account page). */
function HomesLine({ memberships }: { memberships: THome["memberships"] }) {
  const t = useTranslations("home");
  const unitLabel = useUnitLabel();
  return (
    <div className="home-homes">
      <ul data-testid="my-homes">
        {memberships.map((m) => (
          <li key={m.id} data-status={m.status}>
            <span className="strong">{m.building.name}</span>
            <span className="muted">{unitLabel(m.unit)}</span>
            <span className={`badge badge-${m.status}`}>{t(`status.${m.status}`)}</span>
          </li>
        ))}
      </ul>
      <Link href="/account#homes" className="small">
        {t("myHomesLink")}
      </Link>
    </div>
  );
}

/** A section's states: the whole home loading, this part failed (null), or its content. */
function Section<T>({ title, data, onRetry, className, children, testId }: { title: string; data: T | null | undefined; onRetry: () => void; className?: string; testId: string; children: (d: T) => React.ReactNode }) {
  return (
    <div className={`home-card ${className ?? ""}`} data-testid={testId}>
      <Card title={title}>{data === undefined ? <Skeleton /> : data === null ? <LoadError onRetry={onRetry} /> : children(data)}</Card>
    </div>
  );
}

function Skeleton() {
  const tc = useTranslations("common");
  return (
    <div className="home-skeleton" role="status" aria-label={tc("loading")}>
      <span />
      <span />
      <span />
    </div>
  );
}

function BillsCard({ data, balance, onRetry }: { data: THome["bills"] | undefined; balance: number | null; onRetry: () => void }) {
  const t = useTranslations("home");
  const tb = useTranslations("bills");
  const tk = useTranslations("billKind");
  const format = useFormatter();
  const money = useMoney();
  const day = (d: Date) => format.dateTime(d, { day: "numeric", month: "short", timeZone: "UTC" });
  const month = (d: Date) => format.dateTime(d, { month: "long", year: "numeric", timeZone: "UTC" });
  return (
    <Section title={t("billsTitle")} data={data} onRetry={onRetry} testId="home-bills" className="home-card-bills">
      {(b) =>
        b.count === 0 ? (
          <Empty title={t("billsNone")}>{t("billsNoneHint")}</Empty>
        ) : (
          <>
            <p className="home-total">
              <span className="home-total-amount" data-testid="home-bills-total">
                {money(b.total, b.currency)}
              </span>
              <span className="muted" data-testid="home-bills-count" data-count={b.count}>
                {tb("toPay", { count: b.count })}
              </span>
            </p>
            {b.overdueCount > 0 && (
              <p className="notice notice-danger" role="status">
                {t("billsOverdue", { count: b.overdueCount, amount: money(b.overdueTotal, b.currency) })}
              </p>
            )}
            <ul className="list compact home-list">
              {b.items.map((bill) => (
                <li key={bill.id} className={`list-row ${bill.isOverdue ? "is-overdue" : ""}`} data-reference={bill.reference}>
                  <span className="grow">
                    <span className="strong">{tk(bill.kind)}</span> <span className="muted">· {month(bill.periodStart)}</span>
                    <span className="small block">
                      {bill.isOverdue ? (
                        <span className="badge badge-overdue">{tb("overdueSince", { date: day(bill.dueDate) })}</span>
                      ) : (
                        <span className="muted">{tb("dueOn", { date: day(bill.dueDate) })}</span>
                      )}
                    </span>
                  </span>
                  <span className="amount">{money(bill.amount, bill.currency)}</span>
                </li>
              ))}
            </ul>
            {b.count > b.items.length && <p className="small muted">{t("billsMore", { count: b.count - b.items.length })}</p>}
            {balance !== null && balance < b.total && (
              <p className="small home-line" data-testid="home-bills-short">
                {t("billsShort", { balance: money(balance, b.currency), missing: money(b.total - balance, b.currency) })} <Link href="/wallet">{t("topUp")}</Link>
              </p>
            )}
            <div className="home-actions">
              <Link href="/bills?pay=all-due" className="btn btn-primary" data-testid="home-pay">
                {t("payAll", { count: b.count, amount: money(b.total, b.currency) })}
              </Link>
              <Link href="/bills" className="btn btn-ghost">
                {t("seeBills")}
              </Link>
            </div>
          </>
        )
      }
    </Section>
  );
}

function NoticesCard({ data, onRetry }: { data: THome["notices"] | undefined; onRetry: () => void }) {
  const t = useTranslations("home");
  const tn = useTranslations("notices");
  return (
    <Section title={t("noticesTitle")} data={data} onRetry={onRetry} testId="home-notices" className={data?.urgent.length ? "is-urgent" : ""}>
      {(n) => (
        <>
          {n.urgent.length > 0 && (
            // The banner on top of every page lists them with "I have read this": said, not repeated.
            <p className="home-line" data-testid="home-urgent">
              <span className="badge badge-urgent">{tn("bannerUrgent")}</span> {t("noticesUrgentAbove", { count: n.urgent.length })}
            </p>
          )}
          {n.unreadCount > 0 ? (
            <p className="home-line">
              <Link href="/notices" data-testid="home-notices-unread">
                {t("noticesUnread", { count: n.unreadCount })}
              </Link>
            </p>
          ) : (
            n.urgent.length === 0 && <Empty title={t("noticesNone")} />
          )}
        </>
      )}
    </Section>
  );
}

/** Orders on their way, the next repair visit and unread messages: what is coming to the door. */
function ComingUpCard({ home, onRetry }: { home: THome | undefined; onRetry: () => void }) {
  const t = useTranslations("home");
  return (
    <div className="home-card home-card-coming" data-testid="home-coming">
      <Card title={t("comingTitle")}>
        <h3 className="home-sub">{t("ordersTitle")}</h3>
        <Part data={home?.orders} onRetry={onRetry}>
          {(o) => <Orders data={o} />}
        </Part>
        <h3 className="home-sub">{t("repairTitle")}</h3>
        <Part data={home?.repair} onRetry={onRetry}>
          {(r) => <Repair data={r} />}
        </Part>
        <h3 className="home-sub">{t("messagesTitle")}</h3>
        <Part data={home?.messages} onRetry={onRetry}>
          {(m) =>
            m.unread > 0 ? (
              <p className="home-line">
                <Link href="/messages" data-testid="home-messages">
                  {t("messagesUnread", { count: m.unread })}
                </Link>
              </p>
            ) : (
              <p className="muted home-line">{t("messagesNone")}</p>
            )
          }
        </Part>
      </Card>
    </div>
  );
}

function Part<T>({ data, onRetry, children }: { data: T | null | undefined; onRetry: () => void; children: (d: T) => React.ReactNode }) {
  if (data === undefined) return <Skeleton />;
  if (data === null) return <LoadError onRetry={onRetry} />;
  return <>{children(data)}</>;
}

function Orders({ data }: { data: NonNullable<THome["orders"]> }) {
  const t = useTranslations("home");
  const to = useTranslations("orders");
  const ts = useTranslations("orderStatus");
  const format = useFormatter();
  if (data.count === 0)
    return (
      <p className="muted home-line">
        {t("ordersNone")} <Link href="/shops">{t("ordersBrowse")}</Link>
      </p>
    );
  return (
    <ul className="list compact home-list" data-testid="home-orders">
      {data.items.map((o) => (
        <li key={o.id} className="list-row">
          <span className="grow">
            <Link href={`/orders#order-${o.id}`} className="strong">
              {o.shop.name}
            </Link>
            <span className="small muted block">
              {to("delivery", { day: format.dateTime(o.deliveryDate, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }), starts: o.windowStarts, ends: o.windowEnds })}
            </span>
          </span>
          <span className={`badge badge-order-${o.status}`}>{ts(o.status)}</span>
        </li>
      ))}
      {data.count > data.items.length && (
        <li className="list-row">
          <Link href="/orders" className="small">
            {t("ordersMore", { count: data.count - data.items.length })}
          </Link>
        </li>
      )}
    </ul>
  );
}

function Repair({ data }: { data: NonNullable<THome["repair"]> }) {
  const t = useTranslations("home");
  const tc = useTranslations("repairCategory");
  const ts = useTranslations("repairStatus");
  const format = useFormatter();
  const b = data.next;
  if (!b)
    return (
      <p className="muted home-line">
        {t("repairNone")} <Link href="/repairs">{t("repairBook")}</Link>
      </p>
    );
  const time = (d: Date) => format.dateTime(d, { hour: "2-digit", minute: "2-digit", timeZone: b.timeZone });
  const when = `${format.dateTime(b.startsAt, { weekday: "short", day: "numeric", month: "short", timeZone: b.timeZone })}, ${b.mode === "window" ? `${time(b.startsAt)}–${time(b.endsAt)}` : time(b.startsAt)}`;
  return (
    <ul className="list compact home-list" data-testid="home-repair">
      <li className="list-row">
        <span className="grow">
          <Link href={`/repairs/bookings/${b.id}`} className="strong">
            {t("repairWith", { category: tc(b.category), name: b.repairerName })}
          </Link>
          <span className="small muted block">{when}</span>
        </span>
        <span className={`badge status-${b.status.replace("_", "-")} home-status`}>{ts(b.status)}</span>
      </li>
    </ul>
  );
}

function WalletCard({ data, onRetry }: { data: THome["wallet"] | undefined; onRetry: () => void }) {
  const t = useTranslations("home");
  const money = useMoney();
  return (
    <Section title={t("walletTitle")} data={data} onRetry={onRetry} testId="home-wallet">
      {(w) => (
        <div className="home-wallet">
          <p>
            <span className="muted small block">{t("walletBalance")}</span>
            <span className="home-total-amount" data-testid="home-wallet-balance">
              {money(w.balance, w.currency)}
            </span>
          </p>
          <Link href="/wallet" className="btn btn-secondary">
            {t("walletOpen")}
          </Link>
        </div>
      )}
    </Section>
  );
}

function ParkingCard({ data, onRetry }: { data: THome["parking"] | undefined; onRetry: () => void }) {
  const t = useTranslations("home");
  const tp = useTranslations("parking");
  const format = useFormatter();
  // Counts age while the page stays open: one older than the rule allows becomes unknown.
  const now = useNow({ updateInterval: 20_000 });
  const distance = (m: number) => (m < 1_000 ? `${m} m` : `${format.number(m / 1_000, { maximumFractionDigits: 1 })} km`);
  return (
    <Section title={data?.homeName ? t("parkingTitleNear", { home: data.homeName }) : t("parkingTitle")} data={data} onRetry={onRetry} testId="home-parking">
      {(p) => {
        const fresh = p.places.filter((x) => x.observedAt && now.getTime() - x.observedAt.getTime() <= p.staleAfterMinutes * 60_000);
        return (
          <>
            {fresh.length === 0 ? (
              <p className="muted home-line">{t("parkingNone")}</p>
            ) : (
              <ul className="list compact home-list">
                {fresh.map((x) => (
                  <li key={x.id} className="list-row home-place">
                    <span className={`pin pin-${x.availability}`} aria-hidden="true">
                      {x.freeSpaces}
                    </span>
                    <span className="grow">
                      <span className="strong">{x.name}</span>
                      <span className="small muted block">
                        {distance(x.distanceM)} · {tp("freeOf", { free: x.freeSpaces, capacity: x.capacity })} ·{" "}
                        {tp("updated", { when: format.relativeTime(x.observedAt!, x.observedAt! > now ? x.observedAt! : now) })}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <Link href="/parking" className="btn btn-ghost home-more">
              {t("parkingOpen")}
            </Link>
          </>
        );
      }}
    </Section>
  );
}

const TILES = [
  { href: "/notices", key: "notices", icon: "megaphone" },
  { href: "/bills", key: "bills", icon: "bills" },
  { href: "/shops", key: "shops", icon: "shop" },
  { href: "/orders", key: "orders", icon: "box" },
  { href: "/parking", key: "parking", icon: "parking" },
  { href: "/repairs", key: "repairs", icon: "wrench" },
  { href: "/messages", key: "messages", icon: "chat" },
  { href: "/wallet", key: "wallet", icon: "wallet" },
] as const;

function ServiceTiles({ home }: { home: THome | undefined }) {
  const t = useTranslations("home");
  const count = (key: (typeof TILES)[number]["key"]) =>
    key === "notices" ? (home?.notices?.unreadCount ?? 0) : key === "bills" ? (home?.bills?.count ?? 0) : key === "messages" ? (home?.messages?.unread ?? 0) : key === "orders" ? (home?.orders?.count ?? 0) : 0;
  return (
    <nav className="home-services" aria-labelledby="home-services-title">
      <h2 id="home-services-title" className="home-section-title">
        {t("servicesTitle")}
      </h2>
      <ul className="home-tiles">
        {TILES.map((tile) => {
          const n = count(tile.key);
          return (
            <li key={tile.key}>
              <Link href={tile.href} className="home-tile">
                <Icon name={tile.icon} size={26} />
                <span>{t(`tiles.${tile.key}`)}</span>
                {n > 0 && (
                  <span className="count-badge home-tile-count" aria-label={t("tileCount", { count: n })}>
                    {n > 99 ? "99+" : n}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

