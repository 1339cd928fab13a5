"use client";
// One person, for admins: their roles (grant, withdraw), their account (suspend, restore,
// with a reason), their homes and the buildings they manage, their shops (suspend,
// restore). Each act is audited on the server; admins' open pages follow live.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ReasonDialog } from "../../../../_components/reason-dialog";
import { useToast } from "../../../../_components/toast";
import { Button, Card, ConfirmButton, LoadError, Loading } from "../../../../_components/ui";
import { useErrorMessage } from "../../../../_lib/errors";
import { useTRPC } from "../../../../_lib/trpc";
import { GRANTABLE_ROLES } from "~/server/people/schema";
import { StateBadge } from "../state-badge";

type TDialog = { kind: "suspend" } | { kind: "restore" } | { kind: "suspendShop"; shopId: string; name: string } | { kind: "restoreShop"; shopId: string; name: string };

export function PersonView({ id }: { id: string }) {
  const t = useTranslations("people");
  const tr = useTranslations("reasonDialog");
  const format = useFormatter();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const person = useQuery(trpc.people.get.queryOptions({ id }));
  const [dialog, setDialog] = useState<TDialog | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.people.pathKey() });
  const onDialogError = (e: unknown) => setDialogError(toMessage(e));
  const done = (message: string) => () => {
    setDialog(null);
    toast.show(message);
  };
  const grant = useMutation(trpc.people.grantRole.mutationOptions({ onSuccess: () => toast.show(t("granted")), onError: (e) => toast.show(toMessage(e), { tone: "error" }), onSettled: refresh }));
  const withdraw = useMutation(trpc.people.withdrawRole.mutationOptions({ onSuccess: () => toast.show(t("withdrawn")), onError: (e) => toast.show(toMessage(e), { tone: "error" }), onSettled: refresh }));
  const suspend = useMutation(trpc.people.suspend.mutationOptions({ onSuccess: done(t("suspended")), onError: onDialogError, onSettled: refresh }));
  const restore = useMutation(trpc.people.restore.mutationOptions({ onSuccess: done(t("restored")), onError: onDialogError, onSettled: refresh }));
  const suspendShop = useMutation(trpc.people.suspendShop.mutationOptions({ onSuccess: done(t("shopSuspended")), onError: onDialogError, onSettled: refresh }));
  const restoreShop = useMutation(trpc.people.restoreShop.mutationOptions({ onSuccess: done(t("shopRestored")), onError: onDialogError, onSettled: refresh }));
  const open = (d: TDialog) => {
    setDialogError(null);
    setDialog(d);
  };

  if (person.isPending) return <Loading />;
  if (person.isError) return <LoadError onRetry={() => void person.refetch()} />;
  const p = person.data;
  const isGone = p.state === "deleted";
  const roleName = (r: string) => t(`role.${r}`);

  const dialogProps = (d: TDialog) => {
    if (d.kind === "suspend") {
      return { title: t("suspendTitle", { name: p.name }), hint: t("suspendHint"), isRequired: true, confirmLabel: tr("confirmSuspend"), isBusy: suspend.isPending, onConfirm: (reason: string) => suspend.mutate({ userId: p.id, reason }) };
    }
    if (d.kind === "restore") {
      return { title: t("restoreTitle", { name: p.name }), hint: t("restoreHint"), isRequired: false, confirmLabel: tr("confirmRestore"), isBusy: restore.isPending, onConfirm: (reason: string) => restore.mutate({ userId: p.id, reason }) };
    }
    if (d.kind === "suspendShop") {
      return {
        title: t("suspendTitle", { name: d.name }),
        hint: "",
        reasonHint: tr("reasonHintShop"),
        isRequired: true,
        confirmLabel: tr("confirmSuspend"),
        isBusy: suspendShop.isPending,
        onConfirm: (reason: string) => suspendShop.mutate({ shopId: d.shopId, reason }),
      };
    }
    return { title: t("restoreTitle", { name: d.name }), hint: "", isRequired: false, confirmLabel: tr("confirmRestore"), isBusy: restoreShop.isPending, onConfirm: (reason: string) => restoreShop.mutate({ shopId: d.shopId, reason }) };
  };

  return (
    <div className="page">
      <p className="small">
        <Link href="/admin/people">← {t("backToPeople")}</Link>
      </p>
      <header className="page-head">
        <h1 className="wrap-anywhere">{p.name}</h1>
        <p className="row">
          <span className="muted wrap-anywhere">{p.email}</span>
          <StateBadge state={p.state} />
          {p.isSelf && <span className="badge">{t("you")}</span>}
        </p>
        <p className="small muted">{t("created", { date: format.dateTime(p.createdAt, { dateStyle: "long" }) })}</p>
      </header>

      <div className="person-grid">
        <Card title={t("account")}>
          {p.suspension ? (
            <div className="notice notice-danger" data-testid="suspension">
              <p className="strong">
                {t("suspendedSince", { date: format.dateTime(p.suspension.at, { dateStyle: "medium", timeStyle: "short" }) })}
                {p.suspension.byName && <> {t("suspendedBy", { name: p.suspension.byName })}</>}
              </p>
              {p.suspension.reason && (
                <p className="small wrap-anywhere" data-testid="suspension-reason">
                  {t("reasonIs", { reason: p.suspension.reason })}
                </p>
              )}
            </div>
          ) : p.deletionRequestedAt ? (
            <p className="notice">{t("deletionRequestedOn", { date: format.dateTime(p.deletionRequestedAt, { dateStyle: "medium" }) })}</p>
          ) : null}
          {p.isSelf ? (
            <p className="small muted">{t("selfNote")}</p>
          ) : isGone ? null : p.state === "suspended" ? (
            <Button data-testid="restore-person" onClick={() => open({ kind: "restore" })}>
              {t("restore")}
            </Button>
          ) : (
            <Button variant="danger" data-testid="suspend-person" onClick={() => open({ kind: "suspend" })}>
              {t("suspend")}
            </Button>
          )}
          <p className="small">
            <Link href={`/admin/audit?person=${p.id}`}>{t("auditLink")}</Link>
          </p>
        </Card>

        <Card title={t("roles")}>
          <p className="small muted">{t("rolesLead")}</p>
          <ul className="role-list" data-testid="roles">
            {GRANTABLE_ROLES.map((role) => {
              const has = p.roles.includes(role);
              const isOwnAdmin = p.isSelf && role === "admin";
              return (
                <li key={role} className="role-row" data-testid="role" data-role={role} data-has={has}>
                  <span>
                    <span className="strong">{roleName(role)}</span>
                    <span className={`small block ${has ? "" : "muted"}`}>{has ? t("has") : t("hasNot")}</span>
                  </span>
                  {isGone ? null : isOwnAdmin ? (
                    <span className="small muted role-note">{t("ownAdmin")}</span>
                  ) : has ? (
                    <ConfirmButton
                      label={t("withdraw")}
                      question={t("withdrawQuestion", { role: roleName(role), name: p.name })}
                      onConfirm={() => withdraw.mutate({ userId: p.id, role })}
                      isBusy={withdraw.isPending && withdraw.variables?.role === role}
                    />
                  ) : (
                    <Button variant="secondary" onClick={() => grant.mutate({ userId: p.id, role })} isBusy={grant.isPending && grant.variables?.role === role}>
                      {t("grant")} <span className="sr-only">{roleName(role)}</span>
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
          {p.roles.includes("resident") && <p className="small muted">{t("residentNote")}</p>}
        </Card>

        <Card title={t("homes")}>
          {p.memberships.length === 0 ? (
            <p className="muted small">{t("noHomes")}</p>
          ) : (
            <ul className="plain-list">
              {p.memberships.map((m) => (
                <li key={m.id}>
                  <span className="strong">{m.buildingName}</span>
                  <span className="small block">
                    {t("unit", { staircase: m.staircase, floor: m.floor, door: m.door })} · {t.has(`membershipStatus.${m.status}`) ? t(`membershipStatus.${m.status}`) : m.status}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {p.managedBuildings.length > 0 && (
            <p className="small">{t("managesList", { buildings: p.managedBuildings.map((b) => b.name).join(", ") })}</p>
          )}
        </Card>

        <Card title={t("shops")}>
          {p.shops.length === 0 ? (
            <p className="muted small">{t("noShops")}</p>
          ) : (
            <ul className="plain-list" data-testid="person-shops">
              {p.shops.map((s) => (
                <li key={s.id} className="role-row" data-testid="person-shop" data-name={s.name}>
                  <span>
                    <span className="strong">{s.name}</span>
                    <span className="small block">
                      {s.kind === "repairer" ? `${t("repairer")} · ` : ""}
                      {t(`shopStatus.${s.status}`)}
                    </span>
                    {s.suspensionReason && <span className="small block muted wrap-anywhere">{t("reasonIs", { reason: s.suspensionReason })}</span>}
                  </span>
                  {s.status === "approved" ? (
                    <Button variant="danger" data-testid="suspend-shop" onClick={() => open({ kind: "suspendShop", shopId: s.id, name: s.name })}>
                      {t("suspendShop")} <span className="sr-only">{s.name}</span>
                    </Button>
                  ) : s.status === "suspended" ? (
                    <Button variant="secondary" onClick={() => open({ kind: "restoreShop", shopId: s.id, name: s.name })}>
                      {t("restoreShop")} <span className="sr-only">{s.name}</span>
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      {dialog && (
        <ReasonDialog
          key={dialog.kind + ("shopId" in dialog ? dialog.shopId : "")}
          isOpen
          onClose={() => setDialog(null)}
          error={dialogError}
          {...dialogProps(dialog)}
        />
      )}
    </div>
  );
}
