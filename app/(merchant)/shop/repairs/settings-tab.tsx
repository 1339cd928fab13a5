"use client";
// The repair service's settings: what the repairer does and for how long, when they work
// (several ranges a day, days off, extra hours), how slots are offered, and the fees. One
// react-hook-form form on the server's own schema, so errors read the same on both sides.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useFieldArray, useForm, type FieldErrors } from "react-hook-form";
import type { z } from "zod";
import { useToast } from "../../../_components/toast";
import { Button, Card, Field, FormError, LoadError, Loading, SelectField } from "../../../_components/ui";
import { useErrorMessage, useFirstFieldError, useValidationText } from "../../../_lib/errors";
import { parseMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";
import { REPAIR_CATEGORIES, ZServiceSettings } from "../../../../server/repairs/schema";
import type { TMyShop } from "../merchant-view";

type TIn = z.input<typeof ZServiceSettings>;
type TOut = z.output<typeof ZServiceSettings>;
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const STEPS = [15, 20, 30, 60] as const;

/** What a new repair service starts from: weekdays 09:00–12:00 and 14:00–18:00. */
const DEFAULTS: TIn = {
  calloutFeeCents: 0,
  depositCents: 0,
  mode: "exact",
  windowCapacity: 1,
  stepMinutes: 30,
  bufferMinutes: 0,
  minNoticeMinutes: 120,
  horizonDays: 21,
  cancelCutoffMinutes: 120,
  categories: [{ category: "plumbing", durationMinutes: 60 }],
  hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, opens: "09:00", closes: "12:00" },
    { weekday, opens: "14:00", closes: "18:00" },
  ]),
  exceptions: [],
};

export function SettingsTab({ shop }: { shop: TMyShop }) {
  const trpc = useTRPC();
  const service = useQuery(trpc.repairs.manage.getService.queryOptions({ shopId: shop.id }));
  if (service.isPending) return <Loading />;
  if (service.isError) return <LoadError onRetry={() => void service.refetch()} />;
  return <SettingsForm shopId={shop.id} initial={service.data.settings ?? DEFAULTS} isNew={!service.data.settings} timeZone={service.data.timeZone} />;
}

/** A message at a dotted path of react-hook-form's errors ("hours.3.closes"). */
function messageAt(errors: FieldErrors<TIn>, path: string): string | undefined {
  let at: unknown = errors;
  for (const k of path.split(".")) at = at && typeof at === "object" ? (at as Record<string, unknown>)[k] : undefined;
  const m = at && typeof at === "object" ? ((at as { message?: unknown }).message ?? (at as { root?: { message?: unknown } }).root?.message) : undefined;
  return typeof m === "string" ? m : undefined;
}

function SettingsForm({ shopId, initial, isNew, timeZone }: { shopId: string; initial: TIn; isNew: boolean; timeZone: string }) {
  const t = useTranslations("repairsManage");
  const tc = useTranslations("repairCategory");
  const tw = useTranslations("weekday");
  const vt = useValidationText();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const firstFieldError = useFirstFieldError();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, control, handleSubmit, watch, formState, reset } = useForm<TIn, unknown, TOut>({ resolver: zodResolver(ZServiceSettings), defaultValues: initial });
  const categories = useFieldArray({ control, name: "categories" });
  const hours = useFieldArray({ control, name: "hours" });
  const exceptions = useFieldArray({ control, name: "exceptions" });
  const err = (path: string) => vt(messageAt(formState.errors, path));
  const save = useMutation(trpc.repairs.manage.updateService.mutationOptions());
  const mode = watch("mode");
  const num = { valueAsNumber: true } as const;

  const onSubmit = handleSubmit(async (settings) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync({ shopId, settings });
      if (saved.settings) reset(saved.settings);
      toast.show(t("settingsSaved"));
      await queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() });
    } catch (e) {
      setFormError(firstFieldError(e) ?? toMessage(e));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="shop-form repair-settings" data-testid="repair-settings">
      {isNew && (
        <p className="notice" role="status">
          {t("settingsNew")}
        </p>
      )}
      <Card title={t("categoriesTitle")}>
        <ul className="settings-rows">
          {categories.fields.map((f, i) => (
            <li key={f.id} className="settings-row">
              <SelectField label={t("category")} {...register(`categories.${i}.category`)} error={err(`categories.${i}.category`)}>
                {REPAIR_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {tc(c)}
                  </option>
                ))}
              </SelectField>
              <Field label={t("duration")} type="number" inputMode="numeric" min={15} max={600} step={5} {...register(`categories.${i}.durationMinutes`, num)} error={err(`categories.${i}.durationMinutes`)} />
              <button type="button" className="chip-x" aria-label={t("removeCategory")} onClick={() => categories.remove(i)} disabled={categories.fields.length === 1}>
                ×
              </button>
            </li>
          ))}
        </ul>
        {err("categories") && (
          <p className="field-error" role="alert">
            {err("categories")}
          </p>
        )}
        {categories.fields.length < REPAIR_CATEGORIES.length && (
          <Button
            type="button"
            variant="secondary"
            onClick={() => categories.append({ category: REPAIR_CATEGORIES.find((c) => !watch("categories").some((x) => x.category === c)) ?? "plumbing", durationMinutes: 60 })}
          >
            {t("addCategory")}
          </Button>
        )}
      </Card>

      <Card title={t("hoursTitle")}>
        <p className="small muted">{t("hoursLead", { zone: timeZone })}</p>
        <ul className="hours">
          {DAYS.map((d) => {
            const ranges = hours.fields.map((f, i) => ({ f, i })).filter((x) => x.f.weekday === d);
            return (
              <li key={d} className="hours-row repair-day" data-weekday={d}>
                <span className="strong">{tw(String(d))}</span>
                <div className="ranges">
                  {ranges.length === 0 && <span className="muted">{t("closedDay")}</span>}
                  {ranges.map(({ f, i }) => (
                    <div key={f.id} className="range">
                      <span className="row">
                        <input type="time" step={300} aria-label={t("opens", { day: tw(String(d)) })} aria-invalid={!!err(`hours.${i}.opens`)} {...register(`hours.${i}.opens`)} />
                        <span aria-hidden="true">–</span>
                        <input type="time" step={300} aria-label={t("closes", { day: tw(String(d)) })} aria-invalid={!!err(`hours.${i}.closes`)} {...register(`hours.${i}.closes`)} />
                        <button type="button" className="chip-x" aria-label={t("removeRange", { day: tw(String(d)) })} onClick={() => hours.remove(i)}>
                          ×
                        </button>
                      </span>
                      {(err(`hours.${i}.opens`) ?? err(`hours.${i}.closes`)) && (
                        <p className="field-error" role="alert">
                          {err(`hours.${i}.opens`) ?? err(`hours.${i}.closes`)}
                        </p>
                      )}
                    </div>
                  ))}
                  <button type="button" className="link" onClick={() => hours.append({ weekday: d, opens: "14:00", closes: "18:00" })}>
                    {t("addRange")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        {err("hours") && (
          <p className="field-error" role="alert">
            {err("hours")}
          </p>
        )}
      </Card>

      <Card title={t("exceptionsTitle")}>
        <p className="small muted">{t("exceptionsLead")}</p>
        <ul className="settings-rows">
          {exceptions.fields.map((f, i) => {
            const kind = watch(`exceptions.${i}.kind`);
            return (
              <li key={f.id} className="exception-row">
                <SelectField
                  label={t("exceptionKind")}
                  value={kind}
                  onChange={(e) => {
                    const base = { fromDate: watch(`exceptions.${i}.fromDate`) ?? "", note: watch(`exceptions.${i}.note`) ?? "" };
                    exceptions.update(i, e.target.value === "off" ? { kind: "off", ...base, toDate: base.fromDate } : { kind: "hours", ...base, opens: "09:00", closes: "12:00" });
                  }}
                >
                  <option value="off">{t("exceptionOff")}</option>
                  <option value="hours">{t("exceptionHours")}</option>
                </SelectField>
                <Field label={kind === "off" ? t("fromDate") : t("date")} type="date" {...register(`exceptions.${i}.fromDate`)} error={err(`exceptions.${i}.fromDate`)} />
                {kind === "off" ? (
                  <Field label={t("toDate")} type="date" {...register(`exceptions.${i}.toDate`)} error={err(`exceptions.${i}.toDate`)} />
                ) : (
                  <>
                    <Field label={t("opensAt")} type="time" step={300} {...register(`exceptions.${i}.opens`)} error={err(`exceptions.${i}.opens`)} />
                    <Field label={t("closesAt")} type="time" step={300} {...register(`exceptions.${i}.closes`)} error={err(`exceptions.${i}.closes`)} />
                  </>
                )}
                <Field label={t("note")} isOptional maxLength={120} {...register(`exceptions.${i}.note`)} error={err(`exceptions.${i}.note`)} />
                <Button type="button" variant="ghost" onClick={() => exceptions.remove(i)}>
                  {t("removeException")}
                </Button>
              </li>
            );
          })}
        </ul>
        {err("exceptions") && (
          <p className="field-error" role="alert">
            {err("exceptions")}
          </p>
        )}
        <div className="row">
          <Button type="button" variant="secondary" onClick={() => exceptions.append({ kind: "off", fromDate: "", toDate: "", note: "" })}>
            {t("addDayOff")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => exceptions.append({ kind: "hours", fromDate: "", opens: "09:00", closes: "12:00", note: "" })}>
            {t("addExtraHours")}
          </Button>
        </div>
      </Card>

      <Card title={t("slotsTitle")}>
        <fieldset className="radios">
          <legend>{t("mode")}</legend>
          <label>
            <input type="radio" value="exact" {...register("mode")} /> {t("modeExact")}
          </label>
          <label>
            <input type="radio" value="window" {...register("mode")} /> {t("modeWindow")}
          </label>
        </fieldset>
        {mode === "window" && (
          <Field label={t("windowCapacity")} type="number" inputMode="numeric" min={1} max={20} hint={t("windowCapacityHint")} {...register("windowCapacity", num)} error={err("windowCapacity")} />
        )}
        <div className="settings-grid">
          <SelectField label={t("step")} {...register("stepMinutes", { setValueAs: (v) => Number(v) })} error={err("stepMinutes")}>
            {STEPS.map((s) => (
              <option key={s} value={s}>
                {t("minutes", { count: s })}
              </option>
            ))}
          </SelectField>
          <Field label={t("buffer")} type="number" inputMode="numeric" min={0} max={240} step={5} hint={t("bufferHint")} {...register("bufferMinutes", num)} error={err("bufferMinutes")} />
          <Field label={t("minNotice")} type="number" inputMode="numeric" min={0} step={15} hint={t("minNoticeHint")} {...register("minNoticeMinutes", num)} error={err("minNoticeMinutes")} />
          <Field label={t("horizon")} type="number" inputMode="numeric" min={1} max={90} hint={t("horizonHint")} {...register("horizonDays", num)} error={err("horizonDays")} />
          <Field label={t("cancelCutoff")} type="number" inputMode="numeric" min={0} step={15} hint={t("cancelCutoffHint")} {...register("cancelCutoffMinutes", num)} error={err("cancelCutoffMinutes")} />
        </div>
      </Card>

      <Card title={t("feesTitle")}>
        <div className="settings-grid">
          <Controller control={control} name="calloutFeeCents" render={({ field }) => <MoneyField label={t("calloutFee")} hint={t("calloutFeeHint")} cents={field.value} onCents={field.onChange} onBlur={field.onBlur} error={err("calloutFeeCents")} />} />
          <Controller control={control} name="depositCents" render={({ field }) => <MoneyField label={t("deposit")} hint={t("depositHint")} cents={field.value} onCents={field.onChange} onBlur={field.onBlur} error={err("depositCents")} />} />
        </div>
      </Card>

      <FormError message={formError ?? (Object.keys(formState.errors).length ? t("fixErrors") : null)} />
      <Button type="submit" isBusy={save.isPending} data-testid="save-settings">
        {t("saveSettings")}
      </Button>
    </form>
  );
}

/** An amount typed as text ("35" or "35,50") kept as cents in the form (NaN while unreadable). */
function MoneyField({ label, hint, cents, onCents, onBlur, error }: { label: string; hint: string; cents: number | undefined; onCents: (v: number) => void; onBlur: () => void; error?: string }) {
  const t = useTranslations("repairsManage");
  const [text, setText] = useState(() => ((cents ?? 0) / 100).toFixed(2).replace(".", ","));
  return (
    <Field
      label={label}
      inputMode="decimal"
      value={text}
      hint={hint}
      onChange={(e) => {
        setText(e.target.value);
        onCents(parseMoney(e.target.value) ?? Number.NaN);
      }}
      onBlur={onBlur}
      error={error === undefined ? undefined : Number.isNaN(cents) ? t("amountInvalid") : error}
    />
  );
}
