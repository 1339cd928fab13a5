"use client";
// Repairs of the common parts of the resident's buildings (issue 13): what the manager opened,
// where it stands, how many neighbours are affected, and a "Me too" toggle while it is
// unfinished. Live: the building's commonRepair:changed signal refetches repairs.common.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import type { TCommonRepair } from "~/server/repairs/common-schema";
import { useToast } from "../../../_components/toast";
import { Button, Card, Empty, LoadError, Loading } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { commonBadge } from "../../../_components/repairs/common-status";

export const isUnfinished = (status: string) => status === "open" || status === "in_progress";

export function CommonRepairsView() {
  const t = useTranslations("commonRepairs");
  const trpc = useTRPC();
  const list = useQuery(trpc.repairs.common.list.queryOptions());
  const ongoing = list.data?.filter((r) => isUnfinished(r.status)) ?? [];
  const finished = list.data?.filter((r) => !isUnfinished(r.status)) ?? [];
  const showsBuilding = new Set(list.data?.map((r) => r.buildingId)).size > 1;

  return (
    <div className="page">
      <header className="page-head">
        <Link href="/repairs" className="back">
          ← {t("backToRepairs")}
        </Link>
        <h1>{t("title")}</h1>
        <p className="muted">{t("lead")}</p>
      </header>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Card>
          <Empty title={t("empty")}>{t("emptyHint")}</Empty>
        </Card>
      ) : (
        <>
          {ongoing.length > 0 && (
            <section aria-labelledby="ongoing-title">
              <h2 id="ongoing-title" className="section-title">
                {t("ongoing")}
              </h2>
              <Card>
                <ul className="list" data-testid="common-repairs">
                {ongoing.map((r) => (
                  <Row key={r.id} repair={r} showsBuilding={showsBuilding} />
                ))}
                </ul>
              </Card>
            </section>
          )}
          {finished.length > 0 && (
            <section aria-labelledby="finished-title">
              <h2 id="finished-title" className="section-title">
                {t("finished")}
              </h2>
              <Card>
                <ul className="list" data-testid="common-repairs-finished">
                {finished.map((r) => (
                  <Row key={r.id} repair={r} showsBuilding={showsBuilding} />
                ))}
                </ul>
              </Card>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function Row({ repair: r, showsBuilding }: { repair: TCommonRepair; showsBuilding: boolean }) {
  const t = useTranslations("commonRepairs");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const support = useMutation(
    trpc.repairs.common.support.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.repairs.common.list.queryKey(), (old) => old?.map((x) => (x.id === next.id ? next : x))),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.common.list.queryKey() }),
    }),
  );
  const ago = (d: Date) => format.relativeTime(d, now);
  const when =
    r.status === "done" && r.doneAt ? t("doneOn", { ago: ago(r.doneAt) }) : r.status === "withdrawn" && r.withdrawnAt ? t("withdrawnOn", { ago: ago(r.withdrawnAt) }) : t("opened", { ago: ago(r.createdAt) });
  return (
    <li className="list-row common-repair" data-testid="common-repair" data-status={r.status} data-title={r.title}>
      <div className="grow">
        <div className="row-between">
          <span className="strong">{r.title}</span>
          <span className={`badge ${commonBadge(r.status)}`} data-testid="status">
            {t(`status.${r.status}`)}
          </span>
        </div>
        <p className="small muted">
          {t(`area.${r.area}`)} · {showsBuilding && <>{r.buildingName} · </>}
          {r.staircase ? t("staircase", { name: r.staircase }) : t("wholeBuilding")} · {when}
          {isUnfinished(r.status) && r.updatedAt.getTime() - r.createdAt.getTime() > 60_000 && <> · {t("updated", { ago: ago(r.updatedAt) })}</>}
        </p>
        {r.description && <p className="small">{r.description}</p>}
        {r.note && (
          <p className="quote small">
            <span className="sr-only">{t("managerNote")}: </span>
            {r.note}
          </p>
        )}
        <div className="row common-support">
          {isUnfinished(r.status) && (
            <Button
              variant={r.isSupported ? "primary" : "secondary"}
              className="btn-small"
              aria-pressed={r.isSupported}
              title={r.isSupported ? t("undoMeToo") : t("meTooHint")}
              isBusy={support.isPending}
              onClick={() => support.mutate({ id: r.id, isSupporting: !r.isSupported })}
              data-testid="me-too"
            >
              {r.isSupported ? `✓ ${t("meTooOn")}` : t("meToo")}
            </Button>
          )}
          <span className="small muted" data-testid="supporters" data-count={r.supporters}>
            {t("supporters", { count: r.supporters })}
          </span>
        </div>
      </div>
    </li>
  );
}
