"use client";
// Reported chat messages: only the reported message is shown (not the conversation), with
// who reported it and why; the admin dismisses it, marks it handled, or suspends the sender
// (or the shop, when the shop wrote) with a reason, which also marks it handled.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { MessageText } from "../../../_components/chat/message-text";
import { ReasonDialog } from "../../../_components/reason-dialog";
import { useToast } from "../../../_components/toast";
import { Button, Empty, LoadError, Loading } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { useDisplayName } from "../../../_lib/display-name";

const FILTERS = ["open", "actioned", "dismissed", "all"] as const;

export function ReportsView() {
  const t = useTranslations("chatReports");
  const tr = useTranslations("chat.reasons");
  const nameOf = useDisplayName();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const tr2 = useTranslations("reasonDialog");
  const [status, setStatus] = useState<(typeof FILTERS)[number]>("open");
  const [acting, setActing] = useState<{ id: string; action: "suspendSender" | "suspendShop"; name: string } | null>(null);
  const [actError, setActError] = useState<string | null>(null);
  const act = useMutation(
    trpc.chat.admin.actOnReport.mutationOptions({
      onSuccess: () => {
        setActing(null);
        toast.show(t("actioned"));
      },
      onError: (e) => setActError(toMessage(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.chat.admin.pathKey() }),
    }),
  );
  const openAct = (a: NonNullable<typeof acting>) => {
    setActError(null);
    setActing(a);
  };
  const list = useQuery(trpc.chat.admin.listReports.queryOptions({ status }));
  const review = useMutation(
    trpc.chat.admin.reviewReport.mutationOptions({
      onSuccess: () => toast.show(t("updated")),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.chat.admin.pathKey() }),
    }),
  );

  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      <div className="tabs" role="tablist" aria-label={t("filter")}>
        {FILTERS.map((f) => (
          <button key={f} type="button" role="tab" aria-selected={status === f} className={status === f ? "is-active" : ""} onClick={() => setStatus(f)}>
            {t(`status.${f}`)}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty title={t("empty")} />
      ) : (
        <ul className="report-list" data-testid="reports">
          {list.data.map((r) => (
            <li key={r.id} className="card" data-testid="report">
              <div className="row-between">
                <span className="badge badge-pending">{tr(r.reason)}</span>
                <span className="small muted">{format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
              </div>
              <blockquote className="report-quote">
                {r.message.photoUrl && <img src={r.message.photoUrl} alt="" className="bubble-photo" />}
                {r.message.body && (
                  <p className="bubble-text">
                    <MessageText text={r.message.body} />
                  </p>
                )}
              </blockquote>
              <p className="small">
                {r.message.side === "merchant" ? t("sentByShop", { shop: r.shop.name, name: nameOf(r.message.personName) }) : t("sentBy", { name: nameOf(r.message.senderName) })} ·{" "}
                {t("between", { resident: nameOf(r.residentName), shop: r.shop.name })}
              </p>
              <p className="small muted">
                {t("reportedBy", { name: nameOf(r.reporterName) })}
                {r.note && <> — “{r.note}”</>}
              </p>
              <div className="row">
                {r.status === "open" ? (
                  <>
                    <Button onClick={() => review.mutate({ id: r.id, status: "actioned" })} isBusy={review.isPending && review.variables?.id === r.id}>
                      {t("handled")}
                    </Button>
                    <Button variant="secondary" onClick={() => review.mutate({ id: r.id, status: "dismissed" })}>
                      {t("dismiss")}
                    </Button>
                    <Button variant="danger" onClick={() => openAct({ id: r.id, action: "suspendSender", name: nameOf(r.message.personName) })}>
                      {r.message.side === "merchant" ? t("suspendOwner") : t("suspendSender")}
                    </Button>
                    {r.message.side === "merchant" && (
                      <Button variant="danger" onClick={() => openAct({ id: r.id, action: "suspendShop", name: r.shop.name })}>
                        {t("suspendShop")}
                      </Button>
                    )}
                  </>
                ) : (
                  <>
                    <span className="badge">{t(`status.${r.status}`)}</span>
                    <Button variant="ghost" onClick={() => review.mutate({ id: r.id, status: "open" })}>
                      {t("reopen")}
                    </Button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {acting && (
        <ReasonDialog
          key={acting.id + acting.action}
          isOpen
          onClose={() => setActing(null)}
          title={acting.action === "suspendShop" ? t("suspendShopTitle", { name: acting.name }) : t("suspendSenderTitle", { name: acting.name })}
          hint={acting.action === "suspendShop" ? t("suspendShopHint") : t("suspendSenderHint")}
          reasonHint={acting.action === "suspendShop" ? tr2("reasonHintShop") : undefined}
          isRequired
          confirmLabel={tr2("confirmSuspend")}
          isBusy={act.isPending}
          error={actError}
          onConfirm={(reason) => act.mutate({ id: acting.id, action: acting.action, reason })}
        />
      )}
    </div>
  );
}
