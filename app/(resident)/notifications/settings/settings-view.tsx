"use client";
// What the person is told about: a switch per kind, grouped (locked kinds shown on, with the
// reason), and quiet hours (from, to, in their time zone) or none.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { TNotificationKind } from "~/server/notifications/kinds";
import { Button, Card, Field, FormError, LoadError, Loading } from "../../../_components/ui";
import { useToast } from "../../../_components/toast";
import { errorData, useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";

const GROUPS: { key: "money" | "building" | "repairs" | "shops" | "parking" | "account"; kinds: TNotificationKind[] }[] = [
  { key: "money", kinds: ["billDueSoon", "billOverdue", "orderStatus"] },
  { key: "building", kinds: ["urgentNotice", "notice", "commonRepair"] },
  { key: "repairs", kinds: ["repairBooking", "repairRequest"] },
  { key: "shops", kinds: ["chatMessage", "promotion"] },
  { key: "parking", kinds: ["parkingFreed"] },
  { key: "account", kinds: ["dataExportReady"] },
];

const lockReason = (kind: string) => (kind === "urgentNotice" ? "lockedUrgent" : kind === "repairBooking" || kind === "repairRequest" ? "lockedBooking" : "lockedMoney");

export function NotificationSettingsView() {
  const t = useTranslations("notificationCentre");
  const trpc = useTRPC();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notifications.preferences.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const setPreference = useMutation(
    trpc.notifications.setPreference.mutationOptions({ onSettled: invalidate, onError: (e) => toast.show(errorMessage(e), { tone: "error" }) }),
  );

  if (prefs.isPending) return <Shell><Loading /></Shell>;
  if (prefs.isError) return <Shell><LoadError onRetry={() => void prefs.refetch()} /></Shell>;
  const byKind = new Map(prefs.data.kinds.map((k) => [k.kind, k]));
  // Kinds a later change adds show up at the end until they are given a group.
  const grouped = new Set(GROUPS.flatMap((g) => g.kinds));
  const groups = [...GROUPS, ...(prefs.data.kinds.some((k) => !grouped.has(k.kind)) ? [{ key: "other" as const, kinds: prefs.data.kinds.filter((k) => !grouped.has(k.kind)).map((k) => k.kind) }] : [])];

  return (
    <Shell>
      <Card title={t("settingsTitle")}>
        <p className="muted small">{t("settingsIntro")}</p>
        {groups.map((g) => (
          <fieldset key={g.key} className="pref-group">
            <legend>{g.key === "other" ? t("settings") : t(`groups.${g.key}`)}</legend>
            <ul className="pref-list">
              {g.kinds.map((kind) => {
                const k = byKind.get(kind);
                if (!k) return null;
                const pending = setPreference.isPending && setPreference.variables?.kind === kind;
                const checked = pending ? setPreference.variables.enabled : k.enabled;
                const id = `pref-${kind}`;
                return (
                  <li key={kind} className={`pref-row ${k.locked ? "is-locked" : ""}`} data-testid={id}>
                    <label htmlFor={id} className="pref-label">
                      <span>{t.has(`kind.${kind}`) ? t(`kind.${kind}`) : kind}</span>
                      {k.locked && <span className="muted small block">{t(lockReason(kind))}</span>}
                    </label>
                    <input
                      id={id}
                      type="checkbox"
                      role="switch"
                      className="switch"
                      checked={checked}
                      disabled={k.locked || pending}
                      aria-describedby={k.locked ? `${id}-locked` : undefined}
                      onChange={(e) => setPreference.mutate({ kind, enabled: e.target.checked })}
                    />
                    {k.locked && <span id={`${id}-locked`} className="sr-only">{t("locked")}</span>}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
      </Card>
      <QuietHours quietHours={prefs.data.quietHours} timeZone={prefs.data.timeZone} />
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const t = useTranslations("notificationCentre");
  return (
    <div className="page">
      <header className="page-head">
        <Link href="/notifications" className="small">
          ← {t("backToList")}
        </Link>
      </header>
      {children}
    </div>
  );
}

function QuietHours({ quietHours, timeZone }: { quietHours: { from: string; to: string } | null; timeZone: string }) {
  const t = useTranslations("notificationCentre");
  const tv = useTranslations("validation");
  const trpc = useTRPC();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [isOn, setIsOn] = useState(quietHours !== null);
  const [from, setFrom] = useState(quietHours?.from ?? "22:00");
  const [to, setTo] = useState(quietHours?.to ?? "07:00");
  useEffect(() => {
    setIsOn(quietHours !== null);
    if (quietHours) {
      setFrom(quietHours.from);
      setTo(quietHours.to);
    }
  }, [quietHours]);
  const save = useMutation(
    trpc.notifications.setQuietHours.mutationOptions({
      onSuccess: () => toast.show(t("saved")),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.preferences.queryKey() }),
    }),
  );
  const fieldError = (() => {
    if (!save.error) return null;
    const key = errorData(save.error)?.zodError?.fieldErrors?.to?.[0] ?? errorData(save.error)?.zodError?.fieldErrors?.from?.[0];
    return key && tv.has(key) ? tv(key) : errorMessage(save.error);
  })();
  const sameTimes = isOn && from === to;

  return (
    <Card title={t("quietTitle")}>
      <p className="muted small">{t("quietIntro")}</p>
      <form
        className="quiet-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(isOn ? { from, to } : null);
        }}
      >
        <label className="pref-row quiet-toggle">
          <span className="pref-label">{t("quietOn")}</span>
          <input
            type="checkbox"
            role="switch"
            className="switch"
            checked={isOn}
            data-testid="quiet-on"
            onChange={(e) => {
              setIsOn(e.target.checked);
              // Turning them off needs no other input: saved at once.
              if (!e.target.checked && quietHours) save.mutate(null);
            }}
          />
        </label>
        {isOn ? (
          <>
            <div className="quiet-times">
              <Field label={t("quietFrom")} type="time" value={from} required onChange={(e) => setFrom(e.target.value)} data-testid="quiet-from" />
              <Field label={t("quietTo")} type="time" value={to} required onChange={(e) => setTo(e.target.value)} data-testid="quiet-to" />
            </div>
            <p className="muted small">{t("quietZone", { zone: timeZone })}</p>
            <FormError message={sameTimes ? tv("quietHoursSame") : fieldError} />
            <Button type="submit" isBusy={save.isPending} disabled={sameTimes} data-testid="quiet-save">
              {t("quietSave")}
            </Button>
          </>
        ) : (
          <p className="muted small">{t("quietOff")}</p>
        )}
      </form>
    </Card>
  );
}
