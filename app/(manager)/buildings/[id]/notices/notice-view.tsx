"use client";
// One notice for its manager (issue 14): the notice as residents see it, its state, edit and
// withdraw, and the report (who opened it, who confirmed it, the units where nobody did,
// one reminder), refetched live by notice:managed.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { TManagedNotice } from "~/server/notices/schema";
import { useToast } from "../../../../_components/toast";
import { Button, Card, ConfirmButton, LoadError, Loading } from "../../../../_components/ui";
import { useErrorMessage } from "../../../../_lib/errors";
import { useTRPC } from "../../../../_lib/trpc";
import { NoticeFlags, NoticeWhen, ReachBar, WHEN, targetLabel } from "./parts";
import { useDisplayName } from "../../../../_lib/display-name";

export function NoticeView({ buildingId, initial }: { buildingId: string; initial: TManagedNotice }) {
  const t = useTranslations("noticesManage");
  const tv = useTranslations("noticesManage.view");
  const tf = useTranslations("noticesManage.form");
  const nameOf = useDisplayName();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const notice = useQuery(trpc.notices.manage.get.queryOptions({ id: initial.id }, { initialData: initial }));
  const withdraw = useMutation(
    trpc.notices.manage.withdraw.mutationOptions({
      onSuccess: () => {
        toast.show(tv("withdrawn"));
        void queryClient.invalidateQueries({ queryKey: trpc.notices.manage.pathKey() });
      },
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
    }),
  );
  const back = (
    <Link href={`/buildings/${buildingId}?tab=notices`} className="back">
      ← {tf("back")}
    </Link>
  );
  if (notice.isPending)
    return (
      <div className="page">
        <header className="page-head">{back}</header>
        <Loading />
      </div>
    );
  if (notice.isError)
    return (
      <div className="page">
        <header className="page-head">{back}</header>
        <LoadError onRetry={() => void notice.refetch()} />
      </div>
    );
  const n = notice.data;
  const isOpen = n.state === "scheduled" || n.state === "published";
  const multi = n.targets.some((x) => x.buildingId !== buildingId);
  return (
    <div className="page notice-manage" data-testid="notice-manage" data-state={n.state}>
      <header className="page-head">
        {back}
        <h1>{n.title}</h1>
        <NoticeFlags notice={n} />
        <p className="small muted">
          <NoticeWhen notice={n} />
          {n.editedAt && <> · {t("editedOn", { date: format.dateTime(n.editedAt, WHEN) })}</>}
        </p>
        {isOpen && (
          <div className="row">
            <Link className="btn btn-secondary" href={`/buildings/${buildingId}/notices/${n.id}/edit`} data-testid="notice-edit">
              {tv("edit")}
            </Link>
            <ConfirmButton label={tv("withdraw")} question={tv("withdrawQuestion")} isBusy={withdraw.isPending} onConfirm={() => withdraw.mutate({ id: n.id })} />
          </div>
        )}
      </header>
      <div className="grid-2 notice-manage-grid">
        <Card title={tv("asResidentsSee")}>
          <dl className="facts notice-facts">
            <dt>{tv("for")}</dt>
            <dd>{n.targets.map((x) => targetLabel(t, x, multi)).join(", ")}</dd>
            {n.startsAt && (
              <>
                <dt>{tv("window")}</dt>
                <dd>
                  {tv("from", { date: format.dateTime(n.startsAt, WHEN) })}
                  {n.endsAt && <> {tv("to", { date: format.dateTime(n.endsAt, WHEN) })}</>}
                </dd>
              </>
            )}
          </dl>
          {/* Rendered and sanitised by the server when written (server/notices/markdown.ts). */}
          <div className="prose" data-testid="notice-body" dangerouslySetInnerHTML={{ __html: n.bodyHtml }} />
          {n.attachments.length > 0 && (
            <>
              <h3 className="small strong">{tv("attachments")}</h3>
              <ul className="list notice-files" data-testid="notice-attachments">
                {n.attachments.map((a) => (
                  <li key={a.id} className="list-row">
                    <a href={a.url} target="_blank" rel="noreferrer">
                      {a.name}
                    </a>
                    <span className="muted small">{a.kind === "pdf" ? "PDF" : "image"}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="small muted">{tv("by", { name: nameOf(n.authorName) })}</p>
        </Card>
        <Report notice={n} />
      </div>
    </div>
  );
}

function Report({ notice: n }: { notice: TManagedNotice }) {
  const tv = useTranslations("noticesManage.view");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const report = useQuery(trpc.notices.manage.report.queryOptions({ id: n.id }));
  const remind = useMutation(
    trpc.notices.manage.remind.mutationOptions({
      onSuccess: ({ sent }) => {
        toast.show(tv("remindDone", { count: sent }));
        void queryClient.invalidateQueries({ queryKey: trpc.notices.manage.pathKey() });
      },
      onError: (e) => {
        toast.show(toMessage(e), { tone: "error" });
        void queryClient.invalidateQueries({ queryKey: trpc.notices.manage.pathKey() });
      },
    }),
  );
  const isUrgent = n.urgency === "urgent";
  return (
    <Card title={tv("report")}>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <LoadError onRetry={() => void report.refetch()} />
      ) : (
        <div className="stack" data-testid="notice-report">
          <p className="small muted">
            {tv("residentsUnits", { residents: report.data.residents, units: report.data.units })} · {n.state === "scheduled" ? tv("reportScheduled") : tv("reportLive")}
          </p>
          <ReachBar label={`${tv("seen")} · ${tv("ofTotal", { count: report.data.seen, total: report.data.residents })}`} count={report.data.seen} total={report.data.residents} testId="report-seen" />
          {isUrgent && <ReachBar label={`${tv("acknowledged")} · ${tv("ofTotal", { count: report.data.acknowledged, total: report.data.residents })}`} count={report.data.acknowledged} total={report.data.residents} testId="report-acknowledged" />}
          {n.state !== "scheduled" && (
            <section aria-labelledby="not-reached-title" data-testid="units-not-reached" data-count={report.data.unitsNotReached.length}>
              <h3 id="not-reached-title" className="report-subtitle">
                {isUrgent ? tv("notReachedUrgent") : tv("notReachedNormal")} ({report.data.unitsNotReached.length})
              </h3>
              {report.data.unitsNotReached.length === 0 ? (
                <p className="small">{tv("allReached", { urgent: String(isUrgent) })}</p>
              ) : (
                <>
                  <p className="small muted">{tv("knock")}</p>
                  <div className="table-wrap">
                    <table className="table units-table">
                      <thead>
                        <tr>
                          <th scope="col">{tv("unitBuilding")}</th>
                          <th scope="col">{tv("unitStaircase")}</th>
                          <th scope="col">{tv("unitFloor")}</th>
                          <th scope="col">{tv("unitDoor")}</th>
                          <th scope="col" className="num">
                            {tv("unitResidents")}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {report.data.unitsNotReached.map((u) => (
                          <tr key={u.unitId} data-testid="unit-not-reached" data-door={u.door} data-staircase={u.staircase}>
                            <td>{u.buildingName}</td>
                            <td>{u.staircase || "—"}</td>
                            <td>{u.floor === 0 ? tv("groundFloor") : u.floor}</td>
                            <td>{u.door}</td>
                            <td className="num">{u.residents}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </section>
          )}
          {isUrgent && (
            <div className="remind" data-testid="remind">
              {report.data.reminderSentAt ? (
                <p className="small strong" data-testid="reminder-sent">
                  {tv("reminderSent", { date: format.dateTime(report.data.reminderSentAt, WHEN) })}
                </p>
              ) : n.state !== "published" ? (
                <>
                  <Button variant="secondary" disabled aria-describedby="remind-why">
                    {tv("remind")}
                  </Button>
                  <p id="remind-why" className="hint">
                    {tv("remindNotPublished")}
                  </p>
                </>
              ) : (
                <>
                  <Button variant="secondary" isBusy={remind.isPending} disabled={report.data.unitsNotReached.length === 0} aria-describedby="remind-why" onClick={() => remind.mutate({ id: n.id })} data-testid="remind-button">
                    {tv("remind")}
                  </Button>
                  <p id="remind-why" className="hint">
                    {report.data.unitsNotReached.length === 0 ? tv("remindNobody") : tv("remindHint")}
                  </p>
                </>
              )}
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
