"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { StartChatButton } from "../../../_components/chat/start-chat-button";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { flushSync } from "react-dom";
import { useToast } from "../../../_components/toast";
import { WalletPaymentNotes, useWalletPayment } from "../../../_components/wallet-payment";
import { Button, Card, Empty, LoadError, Loading, SelectField } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { errorData } from "../../../_lib/errors";
import { useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";
import type { RouterOutputs } from "../../../_lib/types";
import { useCart } from "../cart";
import { PromoToggle } from "../promo-opt-in";

type TShopData = RouterOutputs["shops"]["get"];
type TProduct = TShopData["products"][number];
export type TReorderNote = { name: string; problem: "unavailable" | "outOfStock" | "lowStock"; available: number | null; wanted: number };

export function ShopView({ id }: { id: string }) {
  const t = useTranslations("shop");
  const tu = useTranslations("productUnit");
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormatter();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const h = setTimeout(() => setSearch(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  // Stock moves with every order: always refetch on opening the shop (cached data shows meanwhile).
  const data = useQuery(trpc.shops.get.queryOptions({ id, q: search || undefined }, { placeholderData: keepPreviousData, staleTime: 0 }));
  const all = useQuery(trpc.shops.get.queryOptions({ id }, { staleTime: 0 }));
  const cart = useCart(id);
  const [notes, setNotes] = useState<TReorderNote[]>([]);
  useKeepFocusAboveCart();
  useEffect(() => {
    const raw = sessionStorage.getItem(`quartier-reorder:${id}`);
    if (raw) {
      sessionStorage.removeItem(`quartier-reorder:${id}`);
      try {
        setNotes(JSON.parse(raw) as TReorderNote[]);
      } catch {
        /* ignore a damaged note */
      }
    }
  }, [id]);

  if (data.isPending) return <Loading />;
  if (data.isError)
    return errorData(data.error)?.appCode === "NOT_FOUND" ? (
      <Card>
        <Empty title={t("notFound")}>
          <Link href="/shops">{t("backToShops")}</Link>
        </Empty>
      </Card>
    ) : (
      <LoadError onRetry={() => void data.refetch()} />
    );
  const { shop, products } = data.data;
  const catalogue = all.data?.products ?? products;
  const qty = (pid: string) => cart.lines.find((l) => l.productId === pid)?.quantity ?? 0;
  // "Add" turns into the stepper and back: focus follows to "+" (or "−" when "+" is at its
  // limit) and to "Add" at zero, instead of falling to the page.
  const setQty = (pid: string, quantity: number) => {
    flushSync(() => cart.setQuantity(pid, quantity));
    const focused = document.activeElement as HTMLButtonElement | null;
    if (focused && focused !== document.body && focused.isConnected && !focused.disabled) return;
    const more = document.getElementById(`more-${pid}`) as HTMLButtonElement | null;
    const target = quantity <= 0 ? document.getElementById(`add-${pid}`) : more && !more.disabled ? more : document.getElementById(`less-${pid}`);
    target?.focus();
  };
  const byCategory = new Map<string, TProduct[]>();
  for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);

  return (
    <div className="page shop-page">
      <header className="shop-head">
        <Link href="/shops" className="back">
          ← {t("backToShops")}
        </Link>
        <div className="shop-head-row">
          {shop.photoUrl && <img src={shop.photoUrl} alt="" className="shop-hero" />}
          <div>
            <h1>{shop.name}</h1>
            <p className="muted">{shop.description}</p>
            <p className="small">
              {shop.isOpen ? (
                <span className="badge badge-active">{t("openNow")}</span>
              ) : (
                <span className="badge">{shop.nextOpening ? t("opensAt", { when: format.dateTime(shop.nextOpening, { weekday: "long", hour: "2-digit", minute: "2-digit", timeZone: shop.timeZone }) }) : t("closed")}</span>
              )}
              {shop.minOrder > 0 && <span className="muted"> · {t("minOrder", { amount: money(shop.minOrder) })}</span>}
            </p>
            <StartChatButton as="resident" shopId={shop.id} className="btn-small" />
            <PromoToggle shopId={shop.id} />
          </div>
        </div>
      </header>
      {notes.length > 0 && (
        <div className="notice" role="status" data-testid="reorder-notes">
          <p className="strong">{t("reorderTitle")}</p>
          <ul>
            {notes.map((n) => (
              <li key={n.name}>{t(`reorder.${n.problem}`, { name: n.name, available: n.available ?? 0, wanted: n.wanted })}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field">
        <label htmlFor="product-search" className="sr-only">
          {t("search")}
        </label>
        <input id="product-search" type="search" placeholder={t("search")} value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {products.length === 0 ? (
        <Card>
          <Empty title={search ? t("noMatch", { q: search }) : t("noProducts")} />
        </Card>
      ) : (
        [...byCategory].map(([category, list]) => (
          <section key={category || "-"} className="catalogue-section">
            {category && <h2 className="section-title">{category}</h2>}
            <ul className="product-grid" data-testid="products">
              {list.map((p) => {
                const inCart = qty(p.id);
                const isOut = p.stock !== null && p.stock <= 0;
                const max = p.stock === null ? 99 : Math.min(99, p.stock);
                return (
                  <li key={p.id} className={`product ${isOut ? "is-out" : ""}`} data-testid="product" data-name={p.name}>
                    {p.photoUrl ? <img src={p.photoUrl} alt="" className="product-photo" loading="lazy" /> : <div className="product-photo placeholder" aria-hidden="true" />}
                    <div className="product-body">
                      <span className="strong">{p.name}</span>
                      {p.description && <span className="muted small block">{p.description}</span>}
                      <span className="block">
                        <span className="strong">{money(p.price)}</span> <span className="muted small">/ {tu(p.unit)}</span>
                      </span>
                      <span className="small block">
                        {isOut ? <span className="text-danger">{t("outOfStock")}</span> : p.stock !== null && p.stock <= 5 ? <span className="warn">{t("fewLeft", { count: p.stock })}</span> : null}
                      </span>
                    </div>
                    <div className="stepper" role="group" aria-label={t("quantityFor", { name: p.name })}>
                      {inCart > 0 ? (
                        <>
                          <button type="button" id={`less-${p.id}`} onClick={() => setQty(p.id, inCart - 1)} aria-label={t("less", { name: p.name })}>
                            −
                          </button>
                          <span aria-live="polite" data-testid="qty">{inCart}</span>
                          <button type="button" id={`more-${p.id}`} onClick={() => setQty(p.id, inCart + 1)} disabled={inCart >= max} aria-label={t("more", { name: p.name })}>
                            +
                          </button>
                        </>
                      ) : (
                        <Button id={`add-${p.id}`} data-testid="add" variant="secondary" onClick={() => setQty(p.id, 1)} disabled={isOut} aria-label={t("addNamed", { name: p.name })}>
                          {t("add")}
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
      <Checkout shopId={id} data={data.data} catalogue={catalogue} cart={cart} />
    </div>
  );
}

/**
 * The cart bar is sticky at the bottom of the screen: an element that takes focus behind it
 * (by Tab, or the stepper replacing "Add") is scrolled up until it clears the bar.
 */
function useKeepFocusAboveCart() {
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const target = e.target as HTMLElement | null;
      const bar = document.querySelector<HTMLElement>("[data-testid='cart']");
      if (!target?.getBoundingClientRect || !bar || bar.contains(target)) return;
      const barTop = bar.getBoundingClientRect().top;
      const { bottom } = target.getBoundingClientRect();
      if (bottom > barTop - 8) window.scrollBy({ top: bottom - barTop + 16 });
    };
    document.addEventListener("focusin", onFocus);
    return () => document.removeEventListener("focusin", onFocus);
  }, []);
}

function Checkout({ shopId, data, catalogue, cart }: { shopId: string; data: TShopData; catalogue: TProduct[]; cart: ReturnType<typeof useCart> }) {
  const t = useTranslations("shop");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormatter();
  const unitLabel = useUnitLabel();
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const units = useQuery(trpc.bills.listUnits.queryOptions());
  const wallet = useQuery(trpc.wallet.get.queryOptions());
  const [isOpen, setOpen] = useState(false);
  const [unitId, setUnitId] = useState("");
  const [slot, setSlot] = useState("");
  const [note, setNote] = useState("");
  const [pickError, setPickError] = useState<string | null>(null);
  const place = useMutation(trpc.orders.place.mutationOptions());
  const topUpAndPlace = useMutation(trpc.orders.topUpAndPlace.mutationOptions());

  const lines = useMemo(
    () => cart.lines.map((l) => ({ ...l, product: catalogue.find((p) => p.id === l.productId) })).filter((l): l is typeof l & { product: TProduct } => !!l.product),
    [cart.lines, catalogue],
  );
  const total = lines.reduce((s, l) => s + l.product.price * l.quantity, 0);
  const count = lines.reduce((s, l) => s + l.quantity, 0);
  const chosenUnit = unitId || units.data?.[0]?.id || "";
  const chosenSlot = slot || (data.slots[0] ? `${data.slots[0].windowId}|${data.slots[0].date}` : "");
  const isBelowMin = total < data.shop.minOrder;
  // One key per checkout: a change of cart, unit, window or note is another order.
  const orderKey = JSON.stringify([cart.lines, chosenUnit, chosenSlot, note]);
  const payment = useWalletPayment({
    total,
    balance: wallet.data?.balance ?? null,
    resetOn: orderKey,
    onMoved: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.shops.get.queryKey({ id: shopId }) })]),
    keptMessage: (amount, reason) => t("toppedUpNotOrdered", { amount, reason }),
  });
  const { isShort, missing, isOnline } = payment;
  const canTopUp = !!wallet.data?.provider;
  if (count === 0) return null;

  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });

  const submit = async (withTopUp: boolean) => {
    setPickError(null);
    const [windowId, date] = chosenSlot.split("|");
    if (!windowId || !date) return setPickError(t("pickWindow"));
    const input = { shopId, unitId: chosenUnit, windowId, date, note, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) };
    const res = await payment.attempt(async (idempotencyKey) => (withTopUp ? await topUpAndPlace.mutateAsync({ ...input, idempotencyKey, topUpAmount: missing }) : { ...(await place.mutateAsync({ ...input, idempotencyKey })), status: "paid" as const, toppedUp: 0 }));
    if (!res) return;
    cart.clear();
    const { toppedUp } = res;
    toast.show(toppedUp > 0 ? t("placedToppedUp", { number: res.number, amount: money(res.total), topUp: money(toppedUp) }) : t("placed", { number: res.number, amount: money(res.total) }));
    await queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
    router.push(`/orders?placed=${res.orderId}`);
  };

  return (
    <div className="sheet cart-sheet" data-testid="cart">
      <div className="row-between">
        <span>
          <span className="strong">{t("cartCount", { count })}</span> · <span className="strong">{money(total)}</span>
        </span>
        <Button variant={isOpen ? "ghost" : "primary"} onClick={() => setOpen((x) => !x)} aria-expanded={isOpen} data-testid="checkout-open">
          {isOpen ? tc("cancel") : t("checkout")}
        </Button>
      </div>
      {isOpen && (
        <div className="checkout">
          <ul className="list compact">
            {lines.map((l) => (
              <li key={l.productId} className="list-row">
                <span className="grow">
                  {l.quantity} × {l.product.name}
                </span>
                <span>{money(l.product.price * l.quantity)}</span>
              </li>
            ))}
          </ul>
          {units.data && units.data.length > 0 ? (
            <SelectField label={t("deliverTo")} value={chosenUnit} onChange={(e) => setUnitId(e.target.value)}>
              {units.data.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.buildingName} · {unitLabel(u)}
                </option>
              ))}
            </SelectField>
          ) : (
            <p className="form-error">{t("noUnit")}</p>
          )}
          {data.slots.length ? (
            <SelectField label={t("window")} value={chosenSlot} onChange={(e) => setSlot(e.target.value)}>
              {data.slots.map((s) => (
                <option key={`${s.windowId}|${s.date}`} value={`${s.windowId}|${s.date}`}>
                  {t("slot", { day: day(s.date), starts: s.starts, ends: s.ends })}
                </option>
              ))}
            </SelectField>
          ) : (
            <p className="form-error">{t("noWindow")}</p>
          )}
          <div className="field">
            <label htmlFor="courier-note">
              {t("note")} <span className="muted">({tc("optional")})</span>
            </label>
            <textarea id="courier-note" rows={2} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("notePlaceholder")} />
          </div>
          <div className="checkout-footer">
            <p className="row-between total">
              <span>{t("total")}</span>
              <span className="strong" data-testid="cart-total">{money(total)}</span>
            </p>
            {isBelowMin && <p className="hint text-danger">{t("belowMin", { amount: money(data.shop.minOrder) })}</p>}
            {pickError && (
              <p className="form-error" role="alert">
                {pickError}
              </p>
            )}
            <WalletPaymentNotes
              payment={payment}
              balance={wallet.data?.balance ?? null}
              fromWallet={(balance) => t("fromWallet", { balance })}
              canTopUp={canTopUp}
              noTopUp={t("noTopUp")}
              offline={t("offline")}
            />
            {isShort && canTopUp ? (
              <Button onClick={() => void submit(true)} isBusy={topUpAndPlace.isPending} disabled={!isOnline || isBelowMin || !data.slots.length || !units.data?.length} data-testid="place-order">
                {t("topUpAndOrder", { missing: money(missing) })}
              </Button>
            ) : (
              <Button onClick={() => void submit(false)} isBusy={place.isPending} disabled={!isOnline || isShort || isBelowMin || !data.slots.length || !units.data?.length} data-testid="place-order">
                {t("placeButton", { amount: money(total) })}
              </Button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
