"use client";
// The live order board: today's and upcoming orders by status, one tap to move them on,
// a sound for new orders (if switched on), and a printable picking list per window. Each
// column is in delivery order (window, then oldest first); each card says how long ago the
// order came in (updated every minute) and when it is to be delivered. Wide screens get the
// whole width; phones show one column at a time, chosen above the board.
import { StartChatButton } from "../../_components/chat/start-chat-button";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useSocketEvent } from "../../_components/realtime";
import { useToast } from "../../_components/toast";
import { Button, Card, ConfirmButton, Empty, LoadError, Loading } from "../../_components/ui";
import { useUnitLabel } from "../../_components/unit-label";
import { useErrorMessage } from "../../_lib/errors";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";
import type { TMyShop } from "./merchant-view";
import { useDisplayName } from "../../_lib/display-name";

type TOrder = RouterOutputs["orders"]["manage"]["list"][number];
const COLUMNS = ["placed", "accepted", "out_for_delivery", "delivered"] as const;
type TColumn = (typeof COLUMNS)[number];
const NEXT: Record<string, "accepted" | "out_for_delivery" | "delivered" | undefined> = { placed: "accepted", accepted: "out_for_delivery", out_for_delivery: "delivered" };

/** Within a column: the earliest delivery window first, then the order that has waited longest. */
export function byWindowThenAge(a: TOrder, b: TOrder) {
  return (
    a.deliveryDate.getTime() - b.deliveryDate.getTime() ||
    a.windowStarts.localeCompare(b.windowStarts) ||
    a.windowEnds.localeCompare(b.windowEnds) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    a.number - b.number
  );
}

/** A calendar day ("YYYY-MM-DD") in a time zone. */
const dayIn = (d: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

function beep() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
  } catch {
    /* no audio here */
  }
}

export function BoardTab({ shop }: { shop: TMyShop }) {
  const t = useTranslations("board");
  const nameOf = useDisplayName();
  const ts = useTranslations("orderStatus");
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const board = useQuery(trpc.orders.manage.list.queryOptions({ shopId: shop.id }));
  const [isSound, setSound] = useState(false);
  const [isPicking, setPicking] = useState(false);
  // Phones: the one column shown (wider screens show them all).
  const [shown, setShown] = useState<TColumn>("placed");
  // Ages and "today" move on every minute.
  const now = useNow({ updateInterval: 60_000 });
  useEffect(() => setSound(localStorage.getItem("quartier-board-sound") === "on"), []);
  const toggleSound = () => {
    const next = !isSound;
    setSound(next);
    localStorage.setItem("quartier-board-sound", next ? "on" : "off");
    if (next) beep();
  };
  useSocketEvent("order:changed", (e) => {
    if (e.side !== "merchant" || e.shopId !== shop.id || !e.isNew) return;
    toast.show(t("newOrder"), { tone: "info" });
    if (isSound) beep();
  });
  const move = useMutation(
    trpc.orders.manage.move.mutationOptions({
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.orders.manage.list.queryKey({ shopId: shop.id }) }),
    }),
  );

  if (board.isPending) return <Loading />;
  if (board.isError) return <LoadError onRetry={() => void board.refetch()} />;
  const orders = board.data;
  const closed = orders.filter((o) => o.status === "rejected" || o.status === "canceled");

  return (
    <div className="board-wide">
      <div className="row-between board-tools">
        <label className="check">
          <input type="checkbox" checked={isSound} onChange={toggleSound} /> {t("sound")}
        </label>
        <Button variant="secondary" onClick={() => setPicking((x) => !x)} aria-expanded={isPicking}>
          {isPicking ? t("hidePicking") : t("picking")}
        </Button>
      </div>
      {isPicking && <PickingList orders={orders.filter((o) => o.status === "placed" || o.status === "accepted")} />}
      {orders.length === 0 ? (
        <Card>
          <Empty title={t("empty")}>{t("emptyHint")}</Empty>
        </Card>
      ) : (
        <>
          <div className="tabs board-switch" role="tablist" aria-label={t("columnsLabel")}>
            {COLUMNS.map((col) => (
              <button
                key={col}
                type="button"
                role="tab"
                id={`board-tab-${col}`}
                aria-selected={shown === col}
                aria-controls={`board-col-${col}`}
                className={shown === col ? "is-active" : ""}
                onClick={() => setShown(col)}
              >
                {t(`columns.${col}`)}
                <span className="count-plain">{orders.filter((o) => o.status === col).length}</span>
              </button>
            ))}
          </div>
          <div className="board" data-testid="board">
            {COLUMNS.map((col) => {
              const list = orders.filter((o) => o.status === col).sort(byWindowThenAge);
              return (
                <section
                  key={col}
                  id={`board-col-${col}`}
                  className={`board-col ${shown === col ? "is-shown" : ""}`}
                  data-testid={`col-${col}`}
                  aria-label={t(`columns.${col}`)}
                >
                  <h2 className="section-title">
                    {t(`columns.${col}`)} <span className="muted">({list.length})</span>
                  </h2>
                  {list.length === 0 ? (
                    <p className="muted small">{t("none")}</p>
                  ) : (
                    list.map((o) => (
                      <OrderCard key={o.id} order={o} now={now} timeZone={shop.timeZone}>
                        {NEXT[o.status] && (
                          <Button onClick={() => move.mutate({ id: o.id, to: NEXT[o.status]! })} isBusy={move.isPending && move.variables?.id === o.id && move.variables.to !== "rejected"}>
                            {t(`action.${NEXT[o.status]!}`)}
                          </Button>
                        )}
                        {o.status === "placed" && <ConfirmButton label={t("reject")} question={t("rejectQuestion")} onConfirm={() => move.mutate({ id: o.id, to: "rejected" })} />}
                        <StartChatButton as="merchant" orderId={o.id} variant="ghost" />
                      </OrderCard>
                    ))
                  )}
                </section>
              );
            })}
          </div>
        </>
      )}
      {closed.length > 0 && (
        <Card title={t("closedTitle")}>
          <ul className="list">
            {closed.map((o) => (
              <li key={o.id} className="list-row">
                <span className="grow">
                  #{o.number} · {nameOf(o.customerName)}
                </span>
                <span className="badge">{ts(o.status)}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function OrderCard({ order: o, now, timeZone, children }: { order: TOrder; now: Date; timeZone: string; children?: React.ReactNode }) {
  const t = useTranslations("board");
  const nameOf = useDisplayName();
  const tu = useTranslations("productUnit");
  const format = useFormatter();
  const money = useMoney();
  const unitLabel = useUnitLabel();
  // Delivery days are calendar days (UTC midnight); "today" is the shop's.
  const delivery = o.deliveryDate.toISOString().slice(0, 10);
  const today = dayIn(now, timeZone);
  const tomorrow = dayIn(new Date(now.getTime() + 86_400_000), timeZone);
  const day =
    delivery === today ? t("today") : delivery === tomorrow ? t("tomorrow") : format.dateTime(o.deliveryDate, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  const isJustNow = now.getTime() - o.createdAt.getTime() < 60_000;
  return (
    <article className="order-card" data-testid="board-order" data-number={o.number}>
      <header className="row-between">
        <span className="strong">#{o.number}</span>
        <span className="amount">{money(o.total, o.currency)}</span>
      </header>
      <p className="order-when">
        <span className="order-window" data-testid="order-window">
          {t("window", { day, starts: o.windowStarts, ends: o.windowEnds })}
        </span>
        <time className="order-age small muted" dateTime={o.createdAt.toISOString()} title={format.dateTime(o.createdAt, { dateStyle: "medium", timeStyle: "short" })} data-testid="order-age">
          {isJustNow ? t("justNow") : format.relativeTime(o.createdAt, { now, style: "short" })}
        </time>
      </p>
      <p className="small">
        <span className="strong">{nameOf(o.customerName)}</span> · {o.buildingName}, {unitLabel(o.unit)}
      </p>
      <ul className="small lines">
        {o.lines.map((l, i) => (
          <li key={i}>
            {l.quantity}
            {l.unit === "piece" ? "" : ` ${tu(l.unit)}`} × {l.name}
          </li>
        ))}
      </ul>
      {o.note && <p className="small quote">{o.note}</p>}
      <div className="row">{children}</div>
    </article>
  );
}

function PickingList({ orders }: { orders: TOrder[] }) {
  const t = useTranslations("board");
  const nameOf = useDisplayName();
  const tu = useTranslations("productUnit");
  const format = useFormatter();
  const unitLabel = useUnitLabel();
  // Window → building → floor, in delivery order.
  const windows = new Map<string, TOrder[]>();
  for (const o of orders) {
    const k = `${o.deliveryDate.toISOString().slice(0, 10)} ${o.windowStarts}–${o.windowEnds}`;
    windows.set(k, [...(windows.get(k) ?? []), o]);
  }
  return (
    <Card title={t("picking")} className="picking" actions={<Button variant="secondary" onClick={() => window.print()}>{t("print")}</Button>}>
      {windows.size === 0 ? (
        <Empty title={t("nothingToPick")} />
      ) : (
        [...windows].map(([k, list]) => {
          const [date, range] = [k.slice(0, 10), k.slice(11)];
          const byBuilding = new Map<string, TOrder[]>();
          for (const o of [...list].sort((a, b) => a.buildingName.localeCompare(b.buildingName) || a.unit.floor - b.unit.floor || a.unit.door.localeCompare(b.unit.door))) {
            byBuilding.set(o.buildingName, [...(byBuilding.get(o.buildingName) ?? []), o]);
          }
          return (
            <section key={k} className="picking-window">
              <h3>
                {format.dateTime(new Date(`${date}T12:00:00Z`), { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })} · {range}
              </h3>
              {[...byBuilding].map(([building, os]) => (
                <div key={building}>
                  <h4>{building}</h4>
                  <ol className="picking-orders">
                    {os.map((o) => (
                      <li key={o.id}>
                        <span className="strong">
                          #{o.number} · {unitLabel(o.unit)}
                        </span>{" "}
                        — {nameOf(o.customerName)}
                        <ul>
                          {o.lines.map((l, i) => (
                            <li key={i}>
                              ☐ {l.quantity}
                              {l.unit === "piece" ? "" : ` ${tu(l.unit)}`} × {l.name}
                            </li>
                          ))}
                        </ul>
                        {o.note && <p className="small quote">{o.note}</p>}
                      </li>
                    ))}
                  </ol>
                </div>
              ))}
            </section>
          );
        })
      )}
    </Card>
  );
}
