"use client";
// A building's units for its manager: who lives in each (names; pending requests marked) and
// what it owes, with a link to its bills; adding units one by one or a staircase at a time.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { tabHref } from "../../../_components/tabs";
import { useToast } from "../../../_components/toast";
import { Button, Card, Empty, Field, FormError, LoadError } from "../../../_components/ui";
import { errorData, useErrorMessage, useFirstFieldError, useValidationText } from "../../../_lib/errors";
import { useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";
import type { RouterOutputs } from "../../../_lib/types";
import { ViewLink } from "./bills-tab";
import type { TBuildingDetail } from "./building-view";

export function UnitsTab({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("building");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.get.queryKey({ id: building.id }) }),
      queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.bills.manage.listUnits.queryKey({ buildingId: building.id }) }),
    ]);
  const del = useMutation(
    trpc.buildings.manage.removeUnit.mutationOptions({
      onSuccess: () => toast.show(t("unitDeleted")),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: refresh,
    }),
  );
  // Who lives where and what each unit owes: one call for the whole building; the units
  // themselves are already here, so they show while it loads.
  const balances = useQuery(trpc.bills.manage.listUnits.queryOptions({ buildingId: building.id }));
  const byUnit = new Map(balances.data?.units.map((b) => [b.unit.id, b]));
  const byStair = new Map<string, TBuildingDetail["units"]>();
  for (const u of building.units) byStair.set(u.staircase, [...(byStair.get(u.staircase) ?? []), u]);

  return (
    <>
      <Card>
        {building.units.length === 0 ? (
          <Empty title={t("unitsEmpty")} />
        ) : (
          <>
            {balances.isError && <LoadError onRetry={() => void balances.refetch()} />}
            {[...byStair.entries()].map(([stair, units]) => (
              <section key={stair} className="stair">
                <h3>{stair ? t("stairLabel", { name: stair }) : t("noStaircase")}</h3>
                <ul className="unit-rows" data-testid={`units-${stair || "main"}`}>
                  {units.map((u) => (
                    <UnitRow
                      key={u.id}
                      unit={u}
                      balance={byUnit.get(u.id)}
                      currency={balances.data?.currency}
                      isLoading={balances.isPending}
                      isDeleting={del.isPending}
                      onDelete={() => del.mutate({ id: u.id })}
                    />
                  ))}
                </ul>
              </section>
            ))}
            {balances.data?.isTruncated && <p className="hint">{t("unitsTruncated")}</p>}
          </>
        )}
      </Card>
      <div className="grid-2">
        <AddUnit buildingId={building.id} onDone={refresh} />
        <GenerateUnits buildingId={building.id} onDone={refresh} />
      </div>
    </>
  );
}

type TUnitBalance = RouterOutputs["bills"]["manage"]["listUnits"]["units"][number];

function UnitRow({
  unit: u,
  balance: b,
  currency,
  isLoading,
  isDeleting,
  onDelete,
}: {
  unit: TBuildingDetail["units"][number];
  balance: TUnitBalance | undefined;
  currency: string | undefined;
  isLoading: boolean;
  isDeleting: boolean;
  onDelete: () => void;
}) {
  const t = useTranslations("building");
  const money = useMoney();
  const pathname = usePathname();
  const billsHref = `${tabHref(pathname, "bills")}&view=list&unit=${encodeURIComponent(u.id)}`;
  return (
    <li className="unit-row" data-testid="unit-row" data-unit={`${u.staircase}-${u.door}`}>
      <span className="unit-door">
        <span className="strong">{u.door}</span>
        <span className="muted small block">{t("floorN", { floor: String(u.floor) })}</span>
      </span>
      <span className="unit-people" data-testid="unit-people">
        {isLoading ? (
          <span className="muted small">…</span>
        ) : b && (b.residents.length > 0 || b.pending.length > 0) ? (
          <>
            {b.residents.length > 0 && <span className="block">{b.residents.join(", ")}</span>}
            {b.pending.map((name) => (
              <span key={name} className="badge badge-pending" data-testid="unit-pending">
                {t("pendingName", { name })}
              </span>
            ))}
          </>
        ) : (
          <span className="muted small">{t("nobodyHere")}</span>
        )}
      </span>
      <span className="unit-owed" data-testid="unit-owed">
        {b && currency && b.outstanding > 0 ? (
          <ViewLink href={billsHref} className="unit-owed-link">
            <span className="strong">{money(b.outstanding, currency)}</span>
            {b.overdue > 0 ? (
              <span className="small block text-danger">{t("ofWhichOverdue", { amount: money(b.overdue, currency) })}</span>
            ) : (
              <span className="small block muted">{t("owedNotLate")}</span>
            )}
          </ViewLink>
        ) : b ? (
          <span className="muted small">{t("nothingOwed")}</span>
        ) : null}
      </span>
      <button type="button" className="chip-x" aria-label={`${t("deleteUnit")} ${u.door}`} disabled={isDeleting} onClick={onDelete}>
        ×
      </button>
    </li>
  );
}

function AddUnit({ buildingId, onDone }: { buildingId: string; onDone: () => Promise<unknown> }) {
  const t = useTranslations("building");
  const validationText = useValidationText();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const [staircase, setStaircase] = useState("");
  const [floor, setFloor] = useState("0");
  const [door, setDoor] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const create = useMutation(trpc.buildings.manage.createUnit.mutationOptions());
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    try {
      await create.mutateAsync({ buildingId, data: { staircase, floor: Number(floor), door } });
      toast.show(t("unitAdded"));
      setDoor("");
      await onDone();
    } catch (err) {
      const fields = errorData(err)?.zodError?.fieldErrors ?? {};
      const mapped = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k.replace(/^data\./, ""), validationText(v?.[0]) ?? ""]),
      );
      if (Object.keys(mapped).length) setFieldErrors(mapped);
      else setError(toMessage(err));
    }
  };
  return (
    <Card title={t("addUnitTitle")}>
      <form onSubmit={submit} noValidate>
        <div className="grid-3 tight">
          <Field label={t("staircase")} value={staircase} onChange={(e) => setStaircase(e.target.value)} isOptional error={fieldErrors.staircase} />
          <Field label={t("floor")} type="number" inputMode="numeric" value={floor} onChange={(e) => setFloor(e.target.value)} error={fieldErrors.floor} />
          <Field label={t("door")} value={door} onChange={(e) => setDoor(e.target.value)} error={fieldErrors.door} />
        </div>
        <p className="hint">{t("staircaseHint")}</p>
        <FormError message={error} />
        <Button type="submit" isBusy={create.isPending}>
          {t("add")}
        </Button>
      </form>
    </Card>
  );
}

function GenerateUnits({ buildingId, onDone }: { buildingId: string; onDone: () => Promise<unknown> }) {
  const t = useTranslations("building");
  const firstFieldError = useFirstFieldError();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const [staircase, setStaircase] = useState("");
  const [fromFloor, setFrom] = useState("0");
  const [toFloor, setTo] = useState("5");
  const [doorsPerFloor, setDoors] = useState("2");
  const [error, setError] = useState<string | null>(null);
  const gen = useMutation(trpc.buildings.manage.generateUnits.mutationOptions());
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await gen.mutateAsync({ buildingId, staircase, fromFloor: Number(fromFloor), toFloor: Number(toFloor), doorsPerFloor: Number(doorsPerFloor) });
      toast.show(t("generated", res));
      await onDone();
    } catch (err) {
      setError(firstFieldError(err) ?? toMessage(err));
    }
  };
  return (
    <Card title={t("generateTitle")}>
      <form onSubmit={submit} noValidate>
        <p className="hint">{t("generateLead")}</p>
        <div className="grid-2 tight">
          <Field label={t("staircase")} value={staircase} onChange={(e) => setStaircase(e.target.value)} isOptional />
          <Field label={t("doorsPerFloor")} type="number" inputMode="numeric" min={1} max={20} value={doorsPerFloor} onChange={(e) => setDoors(e.target.value)} />
          <Field label={t("fromFloor")} type="number" inputMode="numeric" value={fromFloor} onChange={(e) => setFrom(e.target.value)} />
          <Field label={t("toFloor")} type="number" inputMode="numeric" value={toFloor} onChange={(e) => setTo(e.target.value)} />
        </div>
        <FormError message={error} />
        <Button type="submit" variant="secondary" isBusy={gen.isPending}>
          {t("generate")}
        </Button>
      </form>
    </Card>
  );
}
