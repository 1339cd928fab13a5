"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ReasonDialog } from "../../../_components/reason-dialog";
import { useToast } from "../../../_components/toast";
import { Button, Card, ConfirmButton, Empty, LoadError, Loading, PageHead } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";

const FILTERS = ["pending", "approved", "rejected", "suspended", "all"] as const;

export function ShopReviewView() {
  const t = useTranslations("review");
  const tc = useTranslations("shopCategory");
  const tm = useTranslations("merchant");
  const format = useFormatter();
  const money = useMoney();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const tr = useTranslations("reasonDialog");
  const [status, setStatus] = useState<(typeof FILTERS)[number]>("pending");
  // Suspending (a reason the owner will read) and restoring go through the people service (audited).
  const [dialog, setDialog] = useState<{ kind: "suspend" | "restore"; id: string; name: string } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const moderation = {
    onSuccess: () => {
      toast.show(t(dialog?.kind === "restore" ? "done.restored" : "done.suspended"));
      setDialog(null);
    },
    onError: (e: unknown) => setDialogError(toMessage(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.shops.admin.pathKey() }),
  };
  const openDialog = (d: NonNullable<typeof dialog>) => {
    setDialogError(null);
    setDialog(d);
  };
  const suspend = useMutation(trpc.people.suspendShop.mutationOptions(moderation));
  const restore = useMutation(trpc.people.restoreShop.mutationOptions(moderation));
  const list = useQuery(trpc.shops.admin.list.queryOptions({ status }));
  const decide = useMutation(
    trpc.shops.admin.decide.mutationOptions({
      onSuccess: (_, v) => toast.show(t(`done.${v.decision}`)),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.shops.admin.pathKey() }),
    }),
  );
  return (
    <div className="page">
      <PageHead title={t("title")} lead={t("lead")} />
      <div className="row" role="group" aria-label={t("filter")}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`chip-btn ${status === f ? "is-active" : ""}`} aria-pressed={status === f} onClick={() => setStatus(f)}>
            {t(`filters.${f}`)}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Card>
          <Empty title={t("empty")} />
        </Card>
      ) : (
        <ul className="order-list" data-testid="review-list">
          {list.data.map((s) => (
            <li key={s.id} className="card" data-testid="review-shop" data-name={s.name}>
              <div className="row-between">
                <div className="row">
                  {s.photoUrl && <img src={s.photoUrl} alt="" className="photo-thumb" />}
                  <div>
                    <span className="strong">{s.name}</span> <span className="badge">{tm(`statusShort.${s.status}`)}</span>
                    <span className="muted small block">
                      {s.kind === "repairer" ? t("repairService") : tc(s.category)} · {s.owner.name} ({s.owner.email}) · {format.dateTime(s.createdAt, { dateStyle: "medium" })}
                    </span>
                  </div>
                </div>
              </div>
              {s.suspensionReason && <p className="small notice notice-danger wrap-anywhere">{t("suspendedBecause", { reason: s.suspensionReason })}</p>}
              {s.description && <p className="small">{s.description}</p>}
              <p className="small muted">
                {t("deliversTo", { buildings: s.buildings.map((b) => b.name).join(", ") || "—" })} · {t("windows", { count: s.windows.length })}
                {s.minOrder > 0 && <> · {t("minOrder", { amount: money(s.minOrder) })}</>}
              </p>
              <div className="row">
                {(s.status === "pending" || s.status === "rejected") && (
                  <Button onClick={() => decide.mutate({ id: s.id, decision: "approved" })} isBusy={decide.isPending && decide.variables?.id === s.id}>
                    {t("approve")}
                  </Button>
                )}
                {s.status === "pending" && <ConfirmButton label={t("reject")} question={t("rejectQuestion", { name: s.name })} onConfirm={() => decide.mutate({ id: s.id, decision: "rejected" })} />}
                {s.status === "approved" && (
                  <Button variant="danger" onClick={() => openDialog({ kind: "suspend", id: s.id, name: s.name })}>
                    {t("suspend")}
                  </Button>
                )}
                {s.status === "suspended" && (
                  <Button onClick={() => openDialog({ kind: "restore", id: s.id, name: s.name })}>{t("restore")}</Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {dialog && (
        <ReasonDialog
          key={dialog.kind + dialog.id}
          isOpen
          onClose={() => setDialog(null)}
          error={dialogError}
          {...(dialog.kind === "suspend"
            ? {
                title: t("suspendTitle", { name: dialog.name }),
                hint: t("suspendQuestion", { name: dialog.name }),
                reasonHint: tr("reasonHintShop"),
                isRequired: true,
                confirmLabel: tr("confirmSuspend"),
                isBusy: suspend.isPending,
                onConfirm: (reason: string) => suspend.mutate({ shopId: dialog.id, reason }),
              }
            : {
                title: t("restoreTitle", { name: dialog.name }),
                hint: "",
                isRequired: false,
                confirmLabel: tr("confirmRestore"),
                isBusy: restore.isPending,
                onConfirm: (reason: string) => restore.mutate({ shopId: dialog.id, reason }),
              })}
        />
      )}
    </div>
  );
}
