"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { StartChatButton } from "../../_components/chat/start-chat-button";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useToast } from "../../_components/toast";
import { Button, Card, ConfirmButton, Empty, LoadError, Loading } from "../../_components/ui";
import { useUnitLabel } from "../../_components/unit-label";
import { useErrorMessage } from "../../_lib/errors";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import { writeCart } from "../shops/cart";
import type { TReorderNote } from "../shops/[id]/shop-view";

export const STATUS_STEPS = ["placed", "accepted", "out_for_delivery", "delivered"] as const;

export function OrdersView() {
  const t = useTranslations("orders");
  const ts = useTranslations("orderStatus");
  const format = useFormatter();
  const money = useMoney();
  const unitLabel = useUnitLabel();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const router = useRouter();
  const queryClient = useQueryClient();
  const placed = useSearchParams().get("placed");
  const orders = useQuery(trpc.orders.list.queryOptions());
  // A link to one order (/orders#order-<id>, from the home): in view once the list is there.
  const hasOrders = !!orders.data;
  useEffect(() => {
    if (hasOrders && window.location.hash.startsWith("#order-")) document.getElementById(window.location.hash.slice(1))?.scrollIntoView({ block: "center" });
  }, [hasOrders]);
  const [reordering, setReordering] = useState<string | null>(null);
  // Just placed (from the shop's checkout): the confirmation's heading takes focus, once.
  const placedOrder = placed ? orders.data?.find((o) => o.id === placed) : undefined;
  const placedRef = useRef<HTMLHeadingElement>(null);
  const hasFocusedPlaced = useRef(false);
  useEffect(() => {
    if (!placedOrder || hasFocusedPlaced.current) return;
    hasFocusedPlaced.current = true;
    placedRef.current?.focus();
  }, [placedOrder]);
  const cancel = useMutation(
    trpc.orders.cancel.mutationOptions({
      onSuccess: () => toast.show(t("canceled")),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() }),
    }),
  );

  const reorder = async (orderId: string) => {
    setReordering(orderId);
    try {
      const r = await queryClient.fetchQuery({ ...trpc.orders.reorder.queryOptions({ id: orderId }), staleTime: 0 });
      const lines = r.lines
        .filter((l) => l.problem !== "unavailable" && l.problem !== "outOfStock")
        .map((l) => ({ productId: l.productId, quantity: l.problem === "lowStock" ? (l.available ?? 0) : l.quantity }))
        .filter((l) => l.quantity > 0);
      writeCart(r.shopId, lines);
      const notes: TReorderNote[] = r.lines.filter((l) => l.problem).map((l) => ({ name: l.name, problem: l.problem!, available: l.available, wanted: l.quantity }));
      if (notes.length) sessionStorage.setItem(`quartier-reorder:${r.shopId}`, JSON.stringify(notes));
      // The shop page must show today's stock, not what was cached on the last visit.
      await queryClient.invalidateQueries({ queryKey: trpc.shops.pathKey() });
      router.push(`/shops/${r.shopId}`);
    } catch (e) {
      toast.show(toMessage(e), { tone: "error" });
      setReordering(null);
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <Link href="/shops" className="back">
          ← {t("backToShops")}
        </Link>
        <h1>{t("title")}</h1>
      </header>
      {placedOrder && (
        <section className="notice notice-ok order-placed" data-testid="order-placed" aria-labelledby="order-placed-title">
          <h2 id="order-placed-title" ref={placedRef} tabIndex={-1} className="order-placed-title">
            {t("placedTitle", { number: placedOrder.number })}
          </h2>
          <p>
            {t("placedHint", {
              shop: placedOrder.shop.name,
              amount: money(placedOrder.total, placedOrder.currency),
              day: format.dateTime(placedOrder.deliveryDate, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
              starts: placedOrder.windowStarts,
              ends: placedOrder.windowEnds,
            })}
          </p>
        </section>
      )}
      {orders.isPending ? (
        <Loading />
      ) : orders.isError ? (
        <LoadError onRetry={() => void orders.refetch()} />
      ) : orders.data.length === 0 ? (
        <Card>
          <Empty title={t("none")}>
            <Link href="/shops">{t("noneHint")}</Link>
          </Empty>
        </Card>
      ) : (
        <ul className="order-list" data-testid="my-orders">
          {orders.data.map((o) => {
            const step = STATUS_STEPS.indexOf(o.status as (typeof STATUS_STEPS)[number]);
            return (
              <li key={o.id} id={`order-${o.id}`} className={`card order ${o.id === placed ? "is-new" : ""}`} data-testid="order" data-status={o.status}>
                <div className="row-between">
                  <div>
                    <span className="strong">{o.shop.name}</span> <span className="muted">· {t("number", { number: o.number })}</span>
                    <span className="muted small block">
                      {t("delivery", {
                        day: format.dateTime(o.deliveryDate, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }),
                        starts: o.windowStarts,
                        ends: o.windowEnds,
                      })}{" "}
                      · {o.buildingName}, {unitLabel(o.unit)}
                    </span>
                  </div>
                  <span className="amount">{money(o.total, o.currency)}</span>
                </div>
                {step >= 0 ? (
                  <ol className="steps" aria-label={t("progress")}>
                    {STATUS_STEPS.map((s, i) => (
                      <li key={s} className={i <= step ? "is-done" : ""} aria-current={i === step ? "step" : undefined}>
                        {ts(s)}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p className="small">
                    <span className="badge badge-overdue" data-testid="order-status">{ts(o.status)}</span> <span className="muted">{t("refunded")}</span>
                  </p>
                )}
                <p className="small muted">{o.lines.map((l) => `${l.quantity} × ${l.name}`).join(", ")}</p>
                {o.note && <p className="small quote">{o.note}</p>}
                <div className="row">
                  <Button variant="secondary" onClick={() => void reorder(o.id)} isBusy={reordering === o.id}>
                    {t("reorder")}
                  </Button>
                  <StartChatButton as="resident" shopId={o.shop.id} orderId={o.id} variant="ghost" />
                  <Link href={`/wallet/${o.receiptId}`} className="btn btn-ghost">
                    {t("receipt")}
                  </Link>
                  {o.status === "placed" && (
                    <ConfirmButton label={t("cancel")} question={t("cancelQuestion", { amount: money(o.total, o.currency) })} onConfirm={() => cancel.mutate({ id: o.id })} isBusy={cancel.isPending && cancel.variables?.id === o.id} />
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
