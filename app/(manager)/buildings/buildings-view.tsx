"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "../../_components/toast";
import { Button, Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useTRPC } from "../../_lib/trpc";

// The form (and its validation) loads when "New building" is pressed.
const BuildingForm = dynamic(() => import("./building-form").then((m) => m.BuildingForm), { loading: () => <Loading /> });

export function BuildingsView() {
  const t = useTranslations("buildings");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [isCreating, setCreating] = useState(false);
  const list = useQuery(trpc.buildings.manage.list.queryOptions());
  const create = useMutation(trpc.buildings.manage.create.mutationOptions());

  return (
    <div className="page">
      <header className="page-head row-between">
        <div>
          <h1>{t("title")}</h1>
          <p className="muted">{t("lead")}</p>
        </div>
        {!isCreating && <Button onClick={() => setCreating(true)}>{t("create")}</Button>}
      </header>

      {isCreating && (
        <Card title={t("createTitle")} actions={<Button variant="ghost" onClick={() => setCreating(false)}>{tc("cancel")}</Button>}>
          <BuildingForm
            submitLabel={t("create")}
            onSave={async (values) => {
              const b = await create.mutateAsync(values);
              setCreating(false);
              toast.show(t("created", { name: b.name }));
              await queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.list.queryKey() });
            }}
          />
        </Card>
      )}

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Card>
          <Empty title={t("empty")}>{t("emptyLead")}</Empty>
        </Card>
      ) : (
        <ul className="tiles" data-testid="building-list">
          {list.data.map((b) => (
            <li key={b.id}>
              <Link href={`/buildings/${b.id}`} className="tile">
                <p className="strong">{b.name}</p>
                <p className="muted">
                  {b.address}, {b.postalCode} {b.city}
                </p>
                <p>
                  {t("units", { count: b.unitCount })} · {t("members", { count: b.memberCount })}
                </p>
                {b.pendingCount > 0 && <span className="badge badge-pending">{t("pending", { count: b.pendingCount })}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
