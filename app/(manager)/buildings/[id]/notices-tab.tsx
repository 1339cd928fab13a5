"use client";
// A building's notices for its manager (issue 14): every state (scheduled, published,
// expired, withdrawn), urgency, pinning, edits and how far each went; live through
// notice:managed, which refetches notices.manage.*.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card, Empty, LoadError, Loading } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";
import type { TBuildingDetail } from "./building-view";
import { NoticeFlags, NoticeWhen, ReachBar, targetLabel } from "./notices/parts";

export function NoticesTab({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("noticesManage");
  const trpc = useTRPC();
  const list = useQuery(trpc.notices.manage.list.queryOptions({ buildingId: building.id }));
  return (
    <Card
      title={t("listTitle")}
      actions={
        <Link className="btn btn-primary btn-small" href={`/buildings/${building.id}/notices/new`} data-testid="new-notice">
          {t("new")}
        </Link>
      }
    >
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty title={t("none")}>{t("noneHint")}</Empty>
      ) : (
        <ul className="list" data-testid="manager-notices">
          {list.data.map((n) => {
            const isOut = n.state !== "scheduled";
            const others = n.targets.some((x) => x.buildingId !== building.id);
            return (
              <li key={n.id} className="list-row notice-row" data-testid="manager-notice" data-title={n.title} data-state={n.state}>
                <div className="grow">
                  <div className="row-between">
                    <Link href={`/buildings/${building.id}/notices/${n.id}`} className="strong notice-link">
                      {n.title}
                    </Link>
                    <NoticeFlags notice={n} />
                  </div>
                  <p className="small muted">
                    <NoticeWhen notice={n} /> · {n.targets.map((x) => targetLabel(t, x, others)).join(", ")}
                  </p>
                  {isOut ? (
                    <div className="reach-pair">
                      <ReachBar label={t("seenOf", { seen: n.seen, total: n.reached })} count={n.seen} total={n.reached} testId="reach-seen" />
                      {n.urgency === "urgent" && <ReachBar label={t("acknowledgedOf", { acknowledged: n.acknowledged, total: n.reached })} count={n.acknowledged} total={n.reached} testId="reach-acknowledged" />}
                    </div>
                  ) : (
                    <p className="small">{t("notYetOut", { total: n.reached })}</p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
