"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "../../../_components/toast";
import { Button, Card, Empty, Field, FormError } from "../../../_components/ui";
import { errorData, useErrorMessage, useFirstFieldError, useValidationText } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
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
    ]);
  const del = useMutation(
    trpc.buildings.manage.removeUnit.mutationOptions({
      onSuccess: () => toast.show(t("unitDeleted")),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: refresh,
    }),
  );
  const byStair = new Map<string, TBuildingDetail["units"]>();
  for (const u of building.units) byStair.set(u.staircase, [...(byStair.get(u.staircase) ?? []), u]);

  return (
    <>
      <div className="grid-2">
        <AddUnit buildingId={building.id} onDone={refresh} />
        <GenerateUnits buildingId={building.id} onDone={refresh} />
      </div>
      <Card>
        {building.units.length === 0 ? (
          <Empty title={t("unitsEmpty")} />
        ) : (
          [...byStair.entries()].map(([stair, units]) => (
            <section key={stair} className="stair">
              <h3>{stair ? t("stairLabel", { name: stair }) : t("noStaircase")}</h3>
              <ul className="chips" data-testid={`units-${stair || "main"}`}>
                {units.map((u) => (
                  <li key={u.id} className="chip">
                    <span>{u.door}</span>
                    <button
                      type="button"
                      className="chip-x"
                      aria-label={`${t("deleteUnit")} ${u.door}`}
                      disabled={del.isPending}
                      onClick={() => del.mutate({ id: u.id })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </Card>
    </>
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
