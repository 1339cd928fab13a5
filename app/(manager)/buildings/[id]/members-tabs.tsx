"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useToast } from "../../../_components/toast";
import { Button, Card, ConfirmButton, Empty, LoadError, Loading } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";

function useRefreshBuilding(buildingId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.listRequests.queryKey({ buildingId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.listMembers.queryKey({ buildingId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.list.queryKey() }),
    ]);
}

export function RequestsTab({ buildingId }: { buildingId: string }) {
  const t = useTranslations("building");
  const format = useFormatter();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const unitLabel = useUnitLabel();
  const refresh = useRefreshBuilding(buildingId);
  const requests = useQuery(trpc.buildings.manage.listRequests.queryOptions({ buildingId }));
  const decide = useMutation(
    trpc.buildings.manage.decideRequest.mutationOptions({
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => refresh(),
    }),
  );
  if (requests.isPending) return <Loading />;
  if (requests.isError) return <LoadError onRetry={() => void requests.refetch()} />;
  if (requests.data.length === 0) return <Card><Empty title={t("requestsEmpty")} /></Card>;
  return (
    <Card>
      <ul className="list" data-testid="requests">
        {requests.data.map((r) => {
          const isBusy = decide.isPending && decide.variables?.membershipId === r.id;
          return (
            <li key={r.id} className="list-row">
              <div className="grow">
                <p className="strong">{r.user.name}</p>
                <p className="muted">{r.user.email}</p>
                <p>{unitLabel(r.unit)}</p>
                {r.message && <blockquote className="quote">{r.message}</blockquote>}
                <p className="hint">{t("requestedAt", { date: format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}</p>
              </div>
              <div className="row-end">
                <Button
                  isBusy={isBusy && decide.variables?.decision === "approve"}
                  disabled={isBusy}
                  onClick={() => decide.mutate({ membershipId: r.id, decision: "approve" }, { onSuccess: () => toast.show(t("approved", { name: r.user.name })) })}
                >
                  {t("approve")}
                </Button>
                <Button
                  variant="secondary"
                  isBusy={isBusy && decide.variables?.decision === "reject"}
                  disabled={isBusy}
                  onClick={() => decide.mutate({ membershipId: r.id, decision: "reject" }, { onSuccess: () => toast.show(t("rejected", { name: r.user.name }), { tone: "info" }) })}
                >
                  {t("reject")}
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

export function MembersTab({ buildingId }: { buildingId: string }) {
  const t = useTranslations("building");
  const format = useFormatter();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const unitLabel = useUnitLabel();
  const refresh = useRefreshBuilding(buildingId);
  const members = useQuery(trpc.buildings.manage.listMembers.queryOptions({ buildingId }));
  const remove = useMutation(
    trpc.buildings.manage.removeMember.mutationOptions({ onError: (e) => toast.show(toMessage(e), { tone: "error" }), onSettled: () => refresh() }),
  );
  if (members.isPending) return <Loading />;
  if (members.isError) return <LoadError onRetry={() => void members.refetch()} />;
  if (members.data.length === 0) return <Card><Empty title={t("membersEmpty")} /></Card>;
  return (
    <Card>
      <ul className="list" data-testid="members">
        {members.data.map((m) => (
          <li key={m.membershipId} className="list-row">
            <div className="grow">
              <p className="strong">{m.user.name}</p>
              <p className="muted">{m.user.email}</p>
              <p>{unitLabel(m.unit)}</p>
              <p className="hint">
                {t(`via.${m.joinedVia}`)} · {t("since", { date: format.dateTime(m.since, { dateStyle: "medium" }) })}
              </p>
            </div>
            <ConfirmButton
              label={t("remove")}
              question={t("removeConfirm", { name: m.user.name })}
              isBusy={remove.isPending && remove.variables?.membershipId === m.membershipId}
              onConfirm={() => remove.mutate({ membershipId: m.membershipId }, { onSuccess: () => toast.show(t("removed", { name: m.user.name })) })}
            />
          </li>
        ))}
      </ul>
    </Card>
  );
}
