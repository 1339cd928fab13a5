"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useToast } from "../../_components/toast";
import { Button, Card, Field, FormError, SelectField } from "../../_components/ui";
import { errorData, useErrorMessage, useValidationText } from "../../_lib/errors";
import { parseMoney, useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import type { TMyShop } from "./merchant-view";
import { PhotoField } from "./photo-field";

const CATEGORIES = ["grocery", "produce", "water", "bakery", "pharmacy", "other"] as const;
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type TDay = { isOpen: boolean; opens: string; closes: string };
type TWindow = { starts: string; ends: string; cutoff: string };

/** `onCreated`: where to go once a new shop is opened (a merchant's second shop). */
export function ShopForm({ shop, onCreated }: { shop: TMyShop | null; onCreated?: (shopId: string) => void }) {
  const t = useTranslations("merchant");
  const tr = useTranslations("repairsManage");
  const tc = useTranslations("shopCategory");
  const tw = useTranslations("weekday");
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const vt = useValidationText();
  const money = useMoney();
  const queryClient = useQueryClient();
  const directory = useQuery(trpc.buildings.directory.queryOptions());
  // A repair service is chosen once, when it opens (its bookings and settings depend on it).
  const [kind, setKind] = useState<"shop" | "repairer">(shop?.kind ?? "shop");
  const isRepairer = kind === "repairer";
  const [name, setName] = useState(shop?.name ?? "");
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>(shop?.category ?? "grocery");
  const [description, setDescription] = useState(shop?.description ?? "");
  const [minOrder, setMinOrder] = useState(shop ? (shop.minOrder / 100).toFixed(2).replace(".", ",") : "0");
  const [photoId, setPhotoId] = useState<string | null>(shop?.photoId ?? null);
  const [days, setDays] = useState<Record<number, TDay>>(() =>
    Object.fromEntries(
      DAYS.map((d) => {
        const h = shop?.hours.find((x) => x.weekday === d);
        return [d, h ? { isOpen: true, opens: h.opens, closes: h.closes } : { isOpen: !shop && d !== 7, opens: "08:00", closes: "19:00" }];
      }),
    ),
  );
  const [windows, setWindows] = useState<TWindow[]>(shop?.windows.map((w) => ({ starts: w.starts, ends: w.ends, cutoff: String(w.cutoffMinutes) })) ?? [{ starts: "18:00", ends: "20:00", cutoff: "120" }]);
  const [buildingIds, setBuildingIds] = useState<string[]>(shop?.buildings.map((b) => b.id) ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // After a refused submit, focus goes to the first invalid field (the page is long: an error at
  // the top must not leave focus on the button at the bottom), as react-hook-form does on sign-up.
  const formRef = useRef<HTMLFormElement>(null);
  const [focusAsked, setFocusAsked] = useState(0);
  useEffect(() => {
    const form = formRef.current;
    if (!focusAsked || !form) return;
    const field =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      // A group error the fields cannot pin down (from the server): the group's first field.
      form.querySelector(".field-error")?.closest(".card")?.querySelector<HTMLElement>("input, select, textarea");
    field?.focus();
  }, [focusAsked]);
  const create = useMutation(trpc.shops.manage.create.mutationOptions());
  const update = useMutation(trpc.shops.manage.update.mutationOptions());

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const min = parseMoney(minOrder);
    const local: Record<string, string> = {};
    if (min === null && !isRepairer) local.minOrder = t("amountInvalid");
    const badDay = isRepairer ? undefined : DAYS.find((d) => days[d]!.isOpen && days[d]!.closes <= days[d]!.opens);
    if (badDay) local.hours = t("hoursOrder", { day: tw(String(badDay)) });
    const badWindow = isRepairer ? undefined : windows.find((w) => w.ends <= w.starts || !/^\d+$/.test(w.cutoff));
    if (badWindow) local.windows = t("windowInvalid");
    setErrors(local);
    if (Object.keys(local).length) {
      setFocusAsked((n) => n + 1);
      return;
    }
    // A repairer's working hours and slots are its repair settings: no shop hours, windows or minimum.
    const data = {
      kind,
      name,
      category: isRepairer ? ("other" as const) : category,
      description,
      minOrder: isRepairer ? 0 : min!,
      photoId,
      timeZone: "Europe/Paris",
      hours: isRepairer ? (shop?.hours ?? []) : DAYS.filter((d) => days[d]!.isOpen).map((d) => ({ weekday: d, opens: days[d]!.opens, closes: days[d]!.closes })),
      windows: isRepairer ? [] : windows.map((w) => ({ starts: w.starts, ends: w.ends, cutoffMinutes: Number(w.cutoff) })),
      buildingIds,
    };
    try {
      if (shop) await update.mutateAsync({ id: shop.id, data });
      const created = shop ? null : await create.mutateAsync(data);
      toast.show(shop ? t("saved") : isRepairer ? tr("createdRepairer") : t("created"));
      await queryClient.invalidateQueries({ queryKey: trpc.shops.manage.pathKey() });
      if (created) onCreated?.(created.id);
    } catch (err) {
      const fields = errorData(err)?.zodError?.fieldErrors;
      if (fields && Object.keys(fields).length) {
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, vt(m?.[0]) ?? ""])));
        setFocusAsked((n) => n + 1);
      } else setFormError(toMessage(err));
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="shop-form" data-testid="shop-form">
      {!shop && (
        <Card title={tr("kindTitle")}>
          <fieldset className="radios kind-choice" data-testid="shop-kind">
            <legend className="sr-only">{tr("kindTitle")}</legend>
            <label>
              <input type="radio" name="kind" value="shop" checked={kind === "shop"} onChange={() => setKind("shop")} /> <span className="strong">{tr("kindShop")}</span>
              <span className="small muted"> — {tr("kindShopHint")}</span>
            </label>
            <label>
              <input type="radio" name="kind" value="repairer" checked={kind === "repairer"} onChange={() => setKind("repairer")} /> <span className="strong">{tr("kindRepairer")}</span>
              <span className="small muted"> — {tr("kindRepairerHint")}</span>
            </label>
          </fieldset>
        </Card>
      )}
      <Card title={isRepairer ? tr("detailsTitle") : t("detailsTitle")}>
        <Field label={t("name")} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={80} />
        {!isRepairer && (
        <SelectField label={t("category")} value={category} onChange={(e) => setCategory(e.target.value as typeof category)} error={errors.category}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {tc(c)}
            </option>
          ))}
        </SelectField>
        )}
        <div className="field">
          <label htmlFor="shop-description">{t("description")}</label>
          <textarea id="shop-description" rows={3} maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {!isRepairer && <Field label={t("minOrder")} inputMode="decimal" value={minOrder} onChange={(e) => setMinOrder(e.target.value)} error={errors.minOrder} hint={t("minOrderHint", { example: money(1000) })} />}
        <PhotoField label={t("photo")} url={shop?.photoUrl ?? null} onUploaded={(p) => setPhotoId(p.id)} />
      </Card>
      {!isRepairer && (
      <Card title={t("hoursTitle")}>
        <ul className="hours">
          {DAYS.map((d) => {
            const v = days[d]!;
            const set = (patch: Partial<TDay>) => setDays((x) => ({ ...x, [d]: { ...x[d]!, ...patch } }));
            return (
              <li key={d} className="hours-row">
                <label className="check">
                  <input type="checkbox" checked={v.isOpen} onChange={(e) => set({ isOpen: e.target.checked })} /> {tw(String(d))}
                </label>
                {v.isOpen ? (
                  <span className="row">
                    <input type="time" aria-label={t("opens", { day: tw(String(d)) })} value={v.opens} onChange={(e) => set({ opens: e.target.value })} />
                    <span aria-hidden="true">–</span>
                    <input
                      type="time"
                      aria-label={t("closes", { day: tw(String(d)) })}
                      value={v.closes}
                      onChange={(e) => set({ closes: e.target.value })}
                      aria-invalid={!!errors.hours && v.closes <= v.opens}
                      aria-describedby={errors.hours ? "shop-hours-err" : undefined}
                    />
                  </span>
                ) : (
                  <span className="muted">{t("closedDay")}</span>
                )}
              </li>
            );
          })}
        </ul>
        {errors.hours && <p className="field-error" role="alert" id="shop-hours-err">{errors.hours}</p>}
      </Card>
      )}
      <Card title={isRepairer ? tr("areaTitle") : t("deliveryTitle")}>
        <fieldset className="radios">
          <legend>{isRepairer ? tr("buildingsServed") : t("buildings")}</legend>
          {directory.data?.map((b) => (
            <label key={b.id}>
              <input type="checkbox" checked={buildingIds.includes(b.id)} onChange={(e) => setBuildingIds((x) => (e.target.checked ? [...x, b.id] : x.filter((y) => y !== b.id)))} /> {b.name}
            </label>
          ))}
        </fieldset>
        {!isRepairer && (
        <>
        <p className="strong small">{t("windows")}</p>
        <ul className="windows">
          {windows.map((w, i) => {
            const set = (patch: Partial<TWindow>) => setWindows((x) => x.map((y, j) => (j === i ? { ...y, ...patch } : y)));
            return (
              <li key={i} className="window-row">
                <input type="time" aria-label={t("windowStarts")} value={w.starts} onChange={(e) => set({ starts: e.target.value })} />
                <span aria-hidden="true">–</span>
                <input
                  type="time"
                  aria-label={t("windowEnds")}
                  value={w.ends}
                  onChange={(e) => set({ ends: e.target.value })}
                  aria-invalid={!!errors.windows && w.ends <= w.starts}
                  aria-describedby={errors.windows ? "shop-windows-err" : undefined}
                />
                <label className="cutoff">
                  {t("cutoff")}
                  <input
                    type="number"
                    min={0}
                    max={1440}
                    inputMode="numeric"
                    value={w.cutoff}
                    onChange={(e) => set({ cutoff: e.target.value })}
                    aria-invalid={!!errors.windows && !/^\d+$/.test(w.cutoff)}
                    aria-describedby={errors.windows ? "shop-windows-err" : undefined}
                  />
                </label>
                <button type="button" className="chip-x" aria-label={t("removeWindow")} onClick={() => setWindows((x) => x.filter((_, j) => j !== i))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
        {errors.windows && <p className="field-error" role="alert" id="shop-windows-err">{errors.windows}</p>}
        <Button type="button" variant="secondary" onClick={() => setWindows((x) => [...x, { starts: "12:00", ends: "14:00", cutoff: "60" }])}>
          {t("addWindow")}
        </Button>
        </>
        )}
      </Card>
      <FormError message={formError} />
      <Button type="submit" isBusy={create.isPending || update.isPending}>
        {shop ? t("save") : isRepairer ? tr("createRepairerButton") : t("createButton")}
      </Button>
    </form>
  );
}
