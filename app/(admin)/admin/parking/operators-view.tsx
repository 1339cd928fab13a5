"use client";
// Admins: the operators whose sensors send occupancy to POST /api/parking/occupancy, and
// their keys. A new key is shown once, here, to be copied into the operator's system; it is
// stored hashed. Revoking is final (the key stops working at once). Below: importing places
// from a file, and which operator feeds each place.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button, Card, ConfirmButton, Empty, Field, LoadError, Loading } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { ImportPlaces } from "./import-view";
import { PlacesList } from "./places-view";

export function OperatorsView() {
  const t = useTranslations("parkingAdmin");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const operators = useQuery(trpc.parking.admin.listOperators.queryOptions());
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: trpc.parking.admin.pathKey() });
  const [name, setName] = useState("");
  const [shown, setShown] = useState<{ operatorId: string; key: string } | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const create = useMutation(trpc.parking.admin.createOperator.mutationOptions({ onSuccess: () => (setName(""), invalidate()) }));
  const createKey = useMutation(trpc.parking.admin.createKey.mutationOptions({ onSuccess: (k, v) => (setShown({ operatorId: v.operatorId, key: k.key }), invalidate()) }));
  const revoke = useMutation(trpc.parking.admin.revokeKey.mutationOptions({ onSuccess: invalidate }));

  return (
    <div className="page">
      <header className="page-head">
        <Link href="/parking" className="back">
          ← {t("back")}
        </Link>
        <h1>{t("title")}</h1>
        <p className="muted">{t("lead")}</p>
      </header>
      <Card title={t("new")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name });
          }}
        >
          <Field label={t("name")} value={name} onChange={(e) => setName(e.target.value)} error={create.isError ? errorMessage(create.error) : undefined} minLength={2} maxLength={80} required />
          <Button type="submit" isBusy={create.isPending}>
            {t("create")}
          </Button>
        </form>
      </Card>
      {operators.isPending ? (
        <Loading />
      ) : operators.isError ? (
        <LoadError onRetry={() => void operators.refetch()} />
      ) : operators.data.length === 0 ? (
        <Card>
          <Empty title={t("none")} />
        </Card>
      ) : (
        <ul className="place-list" data-testid="operators">
          {operators.data.map((o) => (
            <li key={o.id} className="place" data-testid="operator">
              <h2 className="place-name">{o.name}</h2>
              <p className="small muted">{t("places", { count: o.places })}</p>
              {o.keys.length > 0 && (
                <ul className="list">
                  {o.keys.map((k) => (
                    <li key={k.id} className="list-row row-between">
                      <span>
                        <strong>{k.label}</strong> <code>qpk_{k.prefix}_…</code>
                        <span className="small muted block">
                          {k.revokedAt
                            ? t("revokedOn", { when: format.dateTime(k.revokedAt, { dateStyle: "medium" }) })
                            : k.lastUsedAt
                              ? t("lastUsed", { when: format.relativeTime(k.lastUsedAt) })
                              : t("neverUsed")}
                        </span>
                      </span>
                      {!k.revokedAt && <ConfirmButton label={t("revoke")} question={t("revokeQuestion", { label: k.label })} onConfirm={() => revoke.mutate({ id: k.id })} isBusy={revoke.isPending} />}
                    </li>
                  ))}
                </ul>
              )}
              {shown?.operatorId === o.id && (
                <div className="notice notice-ok" role="status" data-testid="new-key">
                  <p>{t("shownOnce")}</p>
                  <code className="key-once">{shown.key}</code>
                </div>
              )}
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  createKey.mutate({ operatorId: o.id, label: labels[o.id] ?? "" });
                }}
              >
                <label className="sr-only" htmlFor={`label-${o.id}`}>
                  {t("keyLabel")}
                </label>
                <input id={`label-${o.id}`} placeholder={t("keyLabel")} value={labels[o.id] ?? ""} onChange={(e) => setLabels((l) => ({ ...l, [o.id]: e.target.value }))} required maxLength={80} />
                <Button type="submit" variant="secondary" isBusy={createKey.isPending && createKey.variables.operatorId === o.id}>
                  {t("newKey")}
                </Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <ImportPlaces operators={operators.data ?? []} />
      <PlacesList operators={operators.data ?? []} />
    </div>
  );
}
