"use client";
// Setting free spaces by hand, for those who run places: a building's managers for its own
// spaces, admins for every place (sensor feeds will do it for most places). A count above
// the capacity is refused with the reason and changes nothing.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { TParkingPlace } from "~/server/parking/schema";
import { Button, Card, Empty, LoadError, Loading } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { DataAge, PlacePin } from "../place-bits";
import { useNow } from "../use-live-places";

export function ManageView() {
  const t = useTranslations("parking");
  const trpc = useTRPC();
  const places = useQuery(trpc.parking.manage.list.queryOptions());
  const [text, setText] = useState("");
  const shown = (places.data ?? []).filter((p) => !text || `${p.name} ${p.address}`.toLowerCase().includes(text.toLowerCase()));

  return (
    <div className="page">
      <header className="page-head">
        <Link href="/parking" className="back">
          ← {t("title")}
        </Link>
        <h1>{t("manageTitle")}</h1>
        <p className="muted">{t("manageLead")}</p>
      </header>
      {places.isPending ? (
        <Loading />
      ) : places.isError ? (
        <LoadError onRetry={() => void places.refetch()} />
      ) : places.data.length === 0 ? (
        <Card>
          <Empty title={t("manageNone")}>{t("manageNoneHint")}</Empty>
        </Card>
      ) : (
        <>
          {places.data.length > 8 && (
            <div className="field">
              <label htmlFor="manage-search">{t("search")}</label>
              <input id="manage-search" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
            </div>
          )}
          <ul className="place-list" data-testid="operated-places">
            {shown.map((p) => (
              <OperatedPlace key={p.id} p={p} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function OperatedPlace({ p }: { p: TParkingPlace }) {
  const t = useTranslations("parking");
  const now = useNow();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [value, setValue] = useState(String(p.freeSpaces ?? ""));
  const [saved, setSaved] = useState(false);
  const set = useMutation(
    trpc.parking.manage.setOccupancy.mutationOptions({
      onSuccess: (place) => {
        setValue(String(place.freeSpaces ?? ""));
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.parking.pathKey() });
      },
    }),
  );
  const id = `free-${p.id}`;
  const n = Number(value);
  const isValid = value.trim() !== "" && Number.isInteger(n) && n >= 0 && n <= p.capacity;
  const save = (free: number) => {
    setSaved(false);
    set.mutate({ placeId: p.id, freeSpaces: free });
  };

  return (
    <li className="place" data-testid="operated-place">
      <div className="place-main">
        <PlacePin p={p} />
        <div className="place-body">
          <h2 className="place-name">{p.name}</h2>
          <p className="small muted">
            {t(`kind.${p.kind}`)} · {t("capacity", { count: p.capacity })}
          </p>
          <DataAge p={p} now={now} />
          <form
            className="occupancy-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (isValid) save(n);
            }}
          >
            <div className="field">
              <label htmlFor={id}>{t("freeNow")}</label>
              <div className="occupancy-row">
                <input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={p.capacity}
                  step={1}
                  value={value}
                  aria-invalid={value !== "" && !isValid}
                  aria-describedby={`${id}-hint`}
                  onChange={(e) => {
                    setValue(e.target.value);
                    setSaved(false);
                  }}
                />
                <Button type="submit" disabled={!isValid || set.isPending}>
                  {t("save")}
                </Button>
                <button type="button" className="btn btn-secondary" onClick={() => save(0)} disabled={set.isPending}>
                  {t("markFull")}
                </button>
              </div>
              <span id={`${id}-hint`} className={`small ${value !== "" && !isValid ? "text-danger" : "muted"}`}>
                {t("between", { capacity: p.capacity })}
              </span>
            </div>
            {set.isError && (
              <p className="small text-danger" role="alert">
                {errorMessage(set.error)}
              </p>
            )}
            {saved && !set.isError && (
              <p className="small text-ok" role="status">
                {t("saved")}
              </p>
            )}
          </form>
        </div>
      </div>
    </li>
  );
}
