"use client";
// Admins give a place's occupancy feed to an operator (or take it away): places by name, a
// page at a time, each with its operator.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { Button, Card, Empty, FormError, LoadError, Loading } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";

const PAGE_SIZE = 10;

export function PlacesList({ operators }: { operators: { id: string; name: string }[] }) {
  const t = useTranslations("parkingAdmin");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(0);
  const search = useDeferredValue(q.trim());
  const places = useQuery({ ...trpc.parking.admin.listPlaces.queryOptions({ q: search, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const setOperator = useMutation(trpc.parking.admin.setOperator.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.parking.admin.pathKey() }) }));
  const pages = places.data ? Math.max(1, Math.ceil(places.data.total / PAGE_SIZE)) : 1;

  return (
    <Card title={t("placesTitle")}>
      <p className="hint">{t("placesHint")}</p>
      <div className="field">
        <label htmlFor="places-search">{t("searchPlaces")}</label>
        <input id="places-search" type="search" value={q} onChange={(e) => (setQ(e.target.value), setPage(0))} maxLength={80} data-testid="places-search" />
      </div>
      <FormError message={setOperator.isError ? errorMessage(setOperator.error) : null} />
      {places.isPending ? (
        <Loading />
      ) : places.isError ? (
        <LoadError onRetry={() => void places.refetch()} />
      ) : places.data.items.length === 0 ? (
        <Empty title={search ? t("noPlaceMatches") : t("noPlace")} />
      ) : (
        <>
          <ul className="list" data-testid="admin-places" aria-busy={places.isFetching}>
            {places.data.items.map((p) => (
              <li key={p.id} className="list-row row-between" data-testid="admin-place">
                <span className="grow">
                  <strong className="wrap-anywhere">{p.name}</strong>
                  {p.address && <span className="small muted block wrap-anywhere">{p.address}</span>}
                </span>
                <span className="inline-select">
                  <label className="sr-only" htmlFor={`op-${p.id}`}>
                    {t("operatorOf", { name: p.name })}
                  </label>
                  <select
                    id={`op-${p.id}`}
                    value={setOperator.isPending && setOperator.variables.placeId === p.id ? (setOperator.variables.operatorId ?? "") : (p.operatorId ?? "")}
                    onChange={(e) => setOperator.mutate({ placeId: p.id, operatorId: e.target.value || null })}
                    disabled={setOperator.isPending && setOperator.variables.placeId === p.id}
                  >
                    <option value="">{t("import.noOperator")}</option>
                    {operators.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </span>
              </li>
            ))}
          </ul>
          <div className="row-between pager">
            <Button variant="ghost" onClick={() => setPage((x) => Math.max(0, x - 1))} disabled={page === 0}>
              ← {t("previous")}
            </Button>
            <span className="small muted" data-testid="places-page">
              {t("pageOf", { page: page + 1, pages, total: places.data.total })}
            </span>
            <Button variant="ghost" onClick={() => setPage((x) => x + 1)} disabled={page + 1 >= pages}>
              {t("next")} →
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
