"use client";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useToast } from "../../_components/toast";
import { Button, Card, Empty, Field, FormError, LoadError, Loading, PageHead, SelectField } from "../../_components/ui";
import { useErrorMessage, useFirstFieldError } from "../../_lib/errors";
import { newIdempotencyKey, parseMoney, useMoney } from "../../_lib/money";
import { useIsOnline } from "../../_lib/online";
import { useTRPC } from "../../_lib/trpc";

const KINDS = ["topup", "bill_payment", "order_payment", "refund", "transfer"] as const;
const QUICK = [1000, 2000, 5000, 10000];

export function WalletView() {
  const t = useTranslations("wallet");
  const trpc = useTRPC();
  const money = useMoney();
  const wallet = useQuery(trpc.wallet.get.queryOptions());

  return (
    <div className="page">
      <PageHead title={t("title")} />
      <div className="grid-2">
        <Card className="card-accent">
          <p className="muted">{t("balance")}</p>
          {wallet.isPending ? (
            <Loading />
          ) : wallet.isError ? (
            <LoadError onRetry={() => void wallet.refetch()} />
          ) : (
            <p className="balance" data-testid="wallet-balance">
              {money(wallet.data.balance, wallet.data.currency)}
            </p>
          )}
          <p className="hint">{t("balanceHint")}</p>
        </Card>
        {wallet.data && <TopUpCard currency={wallet.data.currency} provider={wallet.data.provider} />}
      </div>
      <HistoryCard />
    </div>
  );
}

function TopUpCard({ currency, provider }: { currency: string; provider: { id: string; isSandbox: boolean } | null }) {
  const t = useTranslations("wallet");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const money = useMoney();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const firstFieldError = useFirstFieldError();
  const [text, setText] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // The confirmation step holds the amount and its idempotency key: a retry reuses it.
  const [pending, setPending] = useState<{ amount: number; key: string } | null>(null);
  const topUp = useMutation(trpc.wallet.topUp.mutationOptions());
  const isOnline = useIsOnline();
  // Focus follows the two steps: into the confirmation when it opens, back to "Continue" after.
  const confirmRef = useRef<HTMLButtonElement>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  const isAsking = pending !== null;
  useEffect(() => {
    if (isAsking) confirmRef.current?.focus();
  }, [isAsking]);
  const backToForm = () => {
    flushSync(() => setPending(null));
    continueRef.current?.focus();
  };

  if (!provider) {
    return (
      <Card title={t("topUp")}>
        <p className="muted">{t("topUpUnavailable")}</p>
      </Card>
    );
  }

  const review = (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const amount = parseMoney(text);
    if (amount === null) return setFieldError(t("amountInvalid"));
    if (amount < 100) return setFieldError(t("amountMin", { min: money(100, currency) }));
    if (amount > 200_000) return setFieldError(t("amountMax", { max: money(200_000, currency) }));
    setFieldError(null);
    setPending({ amount, key: newIdempotencyKey() });
  };

  const confirm = async () => {
    if (!pending) return;
    setFormError(null);
    try {
      const result = await topUp.mutateAsync({ amount: pending.amount, idempotencyKey: pending.key });
      if (result.status === "succeeded") {
        toast.show(t("toppedUp", { amount: money(result.amount, currency) }));
        setText("");
        backToForm();
      } else if (result.redirectUrl) {
        window.location.assign(result.redirectUrl);
      } else {
        setFormError(t(`intent.${result.status}`));
      }
    } catch (err) {
      setFormError(firstFieldError(err) ?? toMessage(err));
    }
  };

  return (
    <Card
      title={t("topUp")}
      actions={provider.isSandbox && <span className="badge badge-pending" data-testid="sandbox-badge" title={t("sandboxHint")}>{t("sandbox")}</span>}
    >
      {pending ? (
        <div className="confirm-box" role="group" aria-label={t("confirmTopUp")}>
          <p>{t("confirmQuestion", { amount: money(pending.amount, currency) })}</p>
          {provider.isSandbox && <p className="hint">{t("sandboxHint")}</p>}
          <FormError message={formError} />
          {!isOnline && (
            <p className="offline-note" role="status" data-testid="top-up-offline">
              {tc("offlinePayment")}
            </p>
          )}
          <div className="row">
            <Button ref={confirmRef} onClick={confirm} isBusy={topUp.isPending} busyLabel={t("paying")} disabled={!isOnline}>
              {t("confirmTopUpButton", { amount: money(pending.amount, currency) })}
            </Button>
            <Button variant="secondary" onClick={backToForm} disabled={topUp.isPending}>
              {tc("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={review} noValidate>
          <div className="row quick" role="group" aria-label={t("quickAmounts")}>
            {QUICK.map((q) => (
              <button type="button" key={q} className={`chip-btn ${parseMoney(text) === q ? "is-active" : ""}`} onClick={() => { setText(String(q / 100)); setFieldError(null); }}>
                {money(q, currency)}
              </button>
            ))}
          </div>
          <Field label={t("amount", { currency })} inputMode="decimal" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} error={fieldError ?? undefined} placeholder="20" />
          <Button ref={continueRef} type="submit">
            {t("continue")}
          </Button>
        </form>
      )}
    </Card>
  );
}

function HistoryCard() {
  const t = useTranslations("wallet");
  const tk = useTranslations("txKind");
  const tb = useTranslations("billKind");
  const format = useFormatter();
  const trpc = useTRPC();
  const money = useMoney();
  const [kind, setKind] = useState<(typeof KINDS)[number] | "">("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const filters = { ...(kind ? { kind } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: 20 };
  const history = useInfiniteQuery(trpc.wallet.history.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor }));
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  const hasFilters = !!(kind || from || to);

  const detail = (m: (typeof items)[number]) => {
    if (m.kind === "topup") return m.detail === "sandbox" ? t("viaSandbox") : (m.detail ?? "");
    if (m.kind === "bill_payment" && m.detail) return m.detail.split(",").map((k) => (tb.has(k) ? tb(k) : k)).join(", ");
    return "";
  };

  return (
    <Card title={t("history")}>
      <div className="filters">
        <SelectField label={t("filterKind")} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="">{t("allKinds")}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {tk(k)}
            </option>
          ))}
        </SelectField>
        <Field label={t("from")} type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
        <Field label={t("to")} type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        {hasFilters && (
          <Button variant="ghost" className="filters-clear" onClick={() => { setKind(""); setFrom(""); setTo(""); }}>
            {t("clearFilters")}
          </Button>
        )}
      </div>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <LoadError onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={hasFilters ? t("noMatch") : t("noMovements")}>{!hasFilters && t("noMovementsHint")}</Empty>
      ) : (
        <ul className="list" data-testid="movements">
          {items.map((m) => (
            <li key={m.id} className="list-row movement">
              <Link href={`/wallet/${m.id}`} className="movement-link">
                <span className="grow">
                  <span className="strong">{tk(m.kind)}</span>
                  <span className="muted small"> · {format.dateTime(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                  {detail(m) && <span className="muted small block">{detail(m)}</span>}
                </span>
                <span className={`amount ${m.amount > 0 ? "is-in" : "is-out"}`}>{money(m.amount, m.currency, { signed: true })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {history.hasNextPage && (
        <Button variant="secondary" onClick={() => void history.fetchNextPage()} isBusy={history.isFetchingNextPage}>
          {t("loadMore")}
        </Button>
      )}
    </Card>
  );
}
