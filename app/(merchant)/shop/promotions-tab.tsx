"use client";
// Merchant promotions, the shop's side (issue 14): compose a short promotion (the server's
// zod schema, with counters), see this month's reach before sending (who opted in, who will
// receive it, who is at the cap of 4 and will be skipped), confirm, send, read the result and
// the past promotions with their counts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { PROMO_BODY_MAX, PROMO_CAP, PROMO_TITLE_MAX } from "~/server/promotions/limits";
import type { TPromotion, TPromotionInput, ZPromotionInput } from "~/server/promotions/schema";
import { lazyResolver } from "../../_lib/lazy-resolver";
import { Button, Card, Empty, Field, FormError, LoadError, Loading } from "../../_components/ui";
import { useApplyFieldErrors, useErrorMessage, useValidationText } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import type { TMyShop } from "./merchant-view";

type TForm = z.input<typeof ZPromotionInput>;
const resolver = lazyResolver(() => import("./promotion-form").then((m) => m.promotionResolver));

export function PromotionsTab({ shop }: { shop: TMyShop }) {
  const t = useTranslations("promotions.manage");
  if (shop.status !== "approved")
    return (
      <Card>
        <p className="muted">{t("afterApproval")}</p>
      </Card>
    );
  return (
    <div className="grid-2 promotions-tab">
      <Compose shop={shop} />
      <History shopId={shop.id} />
    </div>
  );
}

function Compose({ shop }: { shop: TMyShop }) {
  const t = useTranslations("promotions.manage");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toMessage = useErrorMessage();
  const applyFieldErrors = useApplyFieldErrors();
  const validationText = useValidationText();
  const bodyId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [review, setReview] = useState<TPromotionInput | null>(null);
  const [result, setResult] = useState<TPromotion | null>(null);
  const reach = useQuery({ ...trpc.promotions.manage.reach.queryOptions({ shopId: shop.id }), staleTime: 0 });
  const send = useMutation(trpc.promotions.manage.send.mutationOptions());
  const empty: TForm = { shopId: shop.id, title: "", body: "" };
  const { register, handleSubmit, formState, setError, reset, watch } = useForm<TForm, unknown, TPromotionInput>({ resolver, defaultValues: empty });
  const err = (k: keyof TForm) => validationText(formState.errors[k]?.message);
  const titleLength = watch("title").length;
  const bodyLength = watch("body").length;

  const onReview = handleSubmit((values) => {
    setFormError(null);
    setResult(null);
    setReview(values);
    void reach.refetch();
  });
  const onSend = async () => {
    if (!review) return;
    setFormError(null);
    try {
      const sent = await send.mutateAsync(review);
      setResult(sent);
      setReview(null);
      reset(empty);
    } catch (e) {
      setReview(null);
      if (!applyFieldErrors(e, setError)) setFormError(toMessage(e));
    } finally {
      await queryClient.invalidateQueries({ queryKey: trpc.promotions.manage.pathKey() });
    }
  };

  const r = reach.data;
  return (
    <Card title={t("composeTitle")}>
      <p className="hint">{t("composeHint", { cap: PROMO_CAP })}</p>
      <div className="promo-reach" data-testid="promo-reach" aria-live="polite">
        {reach.isPending ? (
          <Loading />
        ) : reach.isError ? (
          <LoadError onRetry={() => void reach.refetch()} />
        ) : (
          <dl className="promo-reach-grid">
            <div>
              <dt>{t("optedIn")}</dt>
              <dd data-testid="reach-opted-in">{r!.optedIn}</dd>
            </div>
            <div>
              <dt>{t("willReceive")}</dt>
              <dd data-testid="reach-will-receive">{r!.willReceive}</dd>
            </div>
            <div className={r!.atCap > 0 ? "is-warn" : ""}>
              <dt>{t("atCap", { cap: PROMO_CAP })}</dt>
              <dd data-testid="reach-at-cap">{r!.atCap}</dd>
            </div>
          </dl>
        )}
      </div>
      {result && (
        <p className="notice notice-ok" role="status" data-testid="promo-result">
          {t("result", { sent: result.sentCount, skipped: result.skipped })}
        </p>
      )}
      <form onSubmit={onReview} noValidate data-testid="promo-form">
        <Field
          label={t("title")}
          placeholder={t("titlePlaceholder")}
          maxLength={PROMO_TITLE_MAX}
          error={err("title")}
          hint={t("counter", { count: titleLength, max: PROMO_TITLE_MAX })}
          disabled={!!review}
          {...register("title")}
        />
        <div className="field">
          <label htmlFor={bodyId}>{t("body")}</label>
          <textarea
            id={bodyId}
            rows={4}
            maxLength={PROMO_BODY_MAX}
            placeholder={t("bodyPlaceholder")}
            aria-invalid={!!err("body")}
            aria-describedby={`${bodyId}-hint`}
            disabled={!!review}
            {...register("body")}
          />
          {err("body") ? (
            <p className="field-error" role="alert">
              {err("body")}
            </p>
          ) : (
            <p id={`${bodyId}-hint`} className="hint">
              {t("counter", { count: bodyLength, max: PROMO_BODY_MAX })}
            </p>
          )}
        </div>
        <FormError message={formError} />
        {review ? (
          <div className="confirm promo-confirm" role="group" aria-label={t("confirmTitle")} data-testid="promo-confirm">
            <p className="strong">{t("confirmQuestion", { title: review.title, count: r?.willReceive ?? 0 })}</p>
            {(r?.atCap ?? 0) > 0 && <p className="small">{t("confirmSkipped", { count: r!.atCap, cap: PROMO_CAP })}</p>}
            <div className="row">
              <Button type="button" onClick={() => void onSend()} isBusy={send.isPending || reach.isFetching} data-testid="promo-send">
                {t("send")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setReview(null)} disabled={send.isPending}>
                {t("edit")}
              </Button>
            </div>
          </div>
        ) : (
          <Button type="submit" isBusy={formState.isSubmitting}>
            {t("review")}
          </Button>
        )}
      </form>
    </Card>
  );
}

function History({ shopId }: { shopId: string }) {
  const t = useTranslations("promotions.manage");
  const format = useFormatter();
  const trpc = useTRPC();
  const list = useQuery(trpc.promotions.manage.list.queryOptions({ shopId }));
  return (
    <Card title={t("historyTitle")}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty title={t("historyNone")}>{t("historyNoneHint")}</Empty>
      ) : (
        <ul className="list" data-testid="promo-history">
          {list.data.map((p) => (
            <li key={p.id} className="list-row promo-past" data-testid="promo-past" data-title={p.title}>
              <div className="grow">
                <p className="strong promo-title">{p.title}</p>
                <p className="small promo-body">{p.body}</p>
                <p className="small promo-meta">
                  <span className="muted">{format.dateTime(p.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                  <span className="badge badge-active" data-testid="sent-count">
                    {t("historySent", { count: p.sentCount })}
                  </span>
                  {p.skipped > 0 && (
                    <span className="badge badge-pending" data-testid="skipped-count">
                      {t("historySkipped", { count: p.skipped })}
                    </span>
                  )}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
