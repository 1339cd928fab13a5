"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ZBuildingInput, type TBuildingInput } from "~/server/buildings/schema";
import { Button, Field, FormError } from "../../_components/ui";
import { useApplyFieldErrors, useErrorMessage, useValidationText } from "../../_lib/errors";

type TForm = z.input<typeof ZBuildingInput>;

/** Create or edit a building. `onSave` throws the API error; fields get its messages. */
export function BuildingForm({ initial, submitLabel, onSave }: { initial?: Partial<TForm>; submitLabel: string; onSave: (v: TBuildingInput) => Promise<void> }) {
  const t = useTranslations("buildings");
  const validationText = useValidationText();
  const toMessage = useErrorMessage();
  const applyFieldErrors = useApplyFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<TForm>({
    resolver: zodResolver(ZBuildingInput),
    defaultValues: { timeZone: "Europe/Paris", ...initial },
  });
  const err = (k: keyof TForm) => validationText(formState.errors[k]?.message);
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSave(values);
    } catch (e) {
      if (!applyFieldErrors(e, setError)) setFormError(toMessage(e));
    }
  });
  const num = { valueAsNumber: true } as const;
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field label={t("name")} error={err("name")} {...register("name")} />
      <Field label={t("address")} autoComplete="street-address" error={err("address")} {...register("address")} />
      <div className="grid-2 tight">
        <Field label={t("postalCode")} autoComplete="postal-code" error={err("postalCode")} {...register("postalCode")} />
        <Field label={t("city")} error={err("city")} {...register("city")} />
      </div>
      <div className="grid-2 tight">
        <Field label={t("latitude")} type="number" step="any" inputMode="decimal" error={err("latitude")} {...register("latitude", num)} />
        <Field label={t("longitude")} type="number" step="any" inputMode="decimal" error={err("longitude")} {...register("longitude", num)} />
      </div>
      <p className="hint">{t("coordsHint")}</p>
      <Field label={t("timeZone")} error={err("timeZone")} {...register("timeZone")} />
      <FormError message={formError} />
      <Button type="submit" isBusy={formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}
