"use client";
// Where can I park near home, now: a list sorted by distance and a map showing the same
// places, filters, search by name or street, favourites, and counts that update live.
// Phones show the list first and the map on a tab; wide screens show both side by side.
// Everything works without the map (no tiles, no location permission, a screen reader).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { isStaleAt } from "~/server/parking/availability";
import type { TParkingFilters, TParkingPlace } from "~/server/parking/schema";
import { Card, Empty, LoadError, Loading } from "../../_components/ui";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import { DEFAULT_RADIUS_M, LIST_LIMIT, NO_FILTERS } from "./list-input";
import { PlaceItem } from "./place-item";
import { useLiveParking, useNow } from "./use-live-places";

const ParkingMap = dynamic(() => import("./parking-map"), { ssr: false, loading: () => <div className="parking-map is-loading" aria-hidden="true" /> });

const RADII = [1_000, 2_000, 5_000];
const PRICES = [100, 200, 300];
const HEIGHTS = [180, 200, 220];

/** Whether the screen shows the list and the map side by side (globals.css: 760 px and wider); false until known. */
function useIsWide() {
  const [isWide, setWide] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(min-width: 760px)");
    setWide(query.matches);
    const onChange = () => setWide(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return isWide;
}

/** Lower case without accents, for "crx rousse" to find "Croix-Rousse" as well as "croix". */
const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

export function ParkingView({ tileUrl, attribution, canOperate, isAdmin }: { tileUrl: string; attribution: string; canOperate: boolean; isAdmin: boolean }) {
  const t = useTranslations("parking");
  const format = useFormatter();
  const money = useMoney();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const [filters, setFilters] = useState<TParkingFilters>(NO_FILTERS);
  const [radiusM, setRadius] = useState(DEFAULT_RADIUS_M);
  const [near, setNear] = useState<{ latitude: number; longitude: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [positionError, setPositionError] = useState(false);
  const [text, setText] = useState("");
  const [tab, setTab] = useState<"list" | "map">("list");
  // Leaflet loads when the map can be seen: at once on a wide screen, on a phone once its tab is opened.
  const isWide = useIsWide();
  const [hasOpenedMap, setOpenedMap] = useState(false);
  if (tab === "map" && !hasOpenedMap) setOpenedMap(true);
  const [selectedId, setSelectedId] = useState<string | null>(params.get("place"));
  const now = useNow();

  const input = { near, radiusM, limit: LIST_LIMIT, filters };
  const list = useQuery(trpc.parking.list.queryOptions(input, { placeholderData: (prev) => prev }));
  useLiveParking(list.data ? { ...list.data.centre, radiusM } : null, filters.hasFreeSpaces);

  const staleAfter = list.data?.staleAfterMinutes ?? 15;
  // Counts age on screen: past the threshold a count turns unknown without a refetch.
  const places = useMemo(() => {
    const q = fold(text.trim());
    return (list.data?.places ?? [])
      .map((p): TParkingPlace => (p.freeSpaces !== null && isStaleAt(p.observedAt, staleAfter, now) ? { ...p, freeSpaces: null, isStale: true, availability: p.isOpen ? "unknown" : "closed" } : p))
      .filter((p) => !filters.hasFreeSpaces || (p.freeSpaces ?? 0) > 0)
      .filter((p) => !q || fold(`${p.name} ${p.address} ${p.operator}`).includes(q));
  }, [list.data, text, filters.hasFreeSpaces, staleAfter, now]);

  const invalidate = () => void queryClient.invalidateQueries({ queryKey: trpc.parking.pathKey() });
  const star = useMutation(trpc.parking.favourites.create.mutationOptions({ onSettled: invalidate }));
  const unstar = useMutation(trpc.parking.favourites.remove.mutationOptions({ onSettled: invalidate }));
  const notify = useMutation(trpc.parking.favourites.update.mutationOptions({ onSettled: invalidate }));

  const locate = () => {
    if (!("geolocation" in navigator)) return setPositionError(true);
    setLocating(true);
    setPositionError(false);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setNear({ latitude: pos.coords.latitude, longitude: pos.coords.longitude });
      },
      () => {
        setLocating(false);
        setPositionError(true);
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const select = useCallback((id: string) => {
    setSelectedId(id);
    document.getElementById(`place-${id}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, []);

  const distance = (m: number) => (m < 1_000 ? `${m} m` : `${format.number(m / 1_000, { maximumFractionDigits: 1 })} km`);
  const labels = useMemo(
    () => ({
      youAreHere: t("youAreHere"),
      mapLabel: t("mapLabel"),
      popup: (p: TParkingPlace) => ({
        title: p.name,
        lines: [
          p.freeSpaces !== null ? t("freeOf", { free: p.freeSpaces, capacity: p.capacity }) : t(`availability.${p.availability}`),
          p.priceOneHour === null ? t("priceUnknown") : p.priceOneHour === 0 ? t("freeParking") : t("perHour", { price: money(p.priceOneHour) }),
          distance(p.distanceM),
        ],
      }),
    }),
    // distance and money only depend on the locale, as t does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );

  const extraCount = (radiusM !== DEFAULT_RADIUS_M ? 1 : 0) + (filters.maxPricePerHour ? 1 : 0) + (filters.vehicleHeightCm ? 1 : 0);
  const isFiltered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) || text !== "" || radiusM !== DEFAULT_RADIUS_M;
  const toggle = (key: "openNow" | "hasFreeSpaces" | "evCharging" | "accessible") => setFilters((f) => ({ ...f, [key]: !f[key] }));

  return (
    <div className="page parking-page">
      <header className="page-head row-between">
        <div>
          <h1>{t("title")}</h1>
          <p className="muted">{list.data && (list.data.centre.label ? t("lead", { place: list.data.centre.label }) : t("leadHere"))}</p>
        </div>
        <div className="row">
        {canOperate && (
          <Link href="/parking/manage" className="btn btn-secondary">
            {t("manage")}
          </Link>
        )}
        {isAdmin && (
          <Link href="/admin/parking" className="btn btn-secondary">
            {t("operators")}
          </Link>
        )}
        {near ? (
          <button type="button" className="btn btn-secondary" onClick={() => setNear(null)}>
            {t("nearHome")}
          </button>
        ) : (
          <button type="button" className="btn btn-secondary" onClick={locate} disabled={locating} data-testid="near-me">
            {locating ? t("locating") : t("nearMe")}
          </button>
        )}
        </div>
      </header>
      {positionError && (
        <p className="notice" role="status">
          {t("noPosition")}
        </p>
      )}

      <section className="parking-filters" aria-label={t("filters")}>
        <div className="field parking-search">
          <label htmlFor="parking-search">{t("search")}</label>
          <input id="parking-search" type="search" value={text} placeholder={t("searchHint")} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </div>
        <div className="chips-row" role="group" aria-label={t("filters")}>
          {(
            [
              ["openNow", t("openNow")],
              ["hasFreeSpaces", t("hasFree")],
              ["evCharging", t("ev")],
              ["accessible", t("accessible")],
            ] as const
          ).map(([key, label]) => (
            <button key={key} type="button" className={`chip-btn ${filters[key] ? "is-active" : ""}`} aria-pressed={filters[key]} onClick={() => toggle(key)}>
              {label}
            </button>
          ))}
        </div>
        <details className="parking-more" open={extraCount > 0 || undefined}>
          <summary>{t("more", { count: extraCount })}</summary>
        <div className="parking-selects">
          <div className="field">
            <label htmlFor="parking-radius">{t("radius")}</label>
            <select id="parking-radius" value={radiusM} onChange={(e) => setRadius(Number(e.target.value))}>
              {RADII.map((r) => (
                <option key={r} value={r}>
                  {t("radiusKm", { km: r / 1_000 })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="parking-price">{t("maxPrice")}</label>
            <select id="parking-price" value={filters.maxPricePerHour ?? ""} onChange={(e) => setFilters((f) => ({ ...f, maxPricePerHour: e.target.value ? Number(e.target.value) : null }))}>
              <option value="">{t("anyPrice")}</option>
              {PRICES.map((p) => (
                <option key={p} value={p}>
                  {money(p)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="parking-height">{t("height")}</label>
            <select id="parking-height" value={filters.vehicleHeightCm ?? ""} onChange={(e) => setFilters((f) => ({ ...f, vehicleHeightCm: e.target.value ? Number(e.target.value) : null }))}>
              <option value="">{t("anyHeight")}</option>
              {HEIGHTS.map((h) => (
                <option key={h} value={h}>
                  {t("heightM", { m: format.number(h / 100, { minimumFractionDigits: 1 }) })}
                </option>
              ))}
            </select>
          </div>
        </div>
        </details>
          {isFiltered && (
            <button
              type="button"
              className="btn btn-link parking-clear"
              onClick={() => {
                setFilters(NO_FILTERS);
                setText("");
                setRadius(DEFAULT_RADIUS_M);
              }}
            >
              {t("clear")}
            </button>
          )}
      </section>

      <div className="tabs parking-tabs" role="tablist" aria-label={t("title")}>
        {(["list", "map"] as const).map((k) => (
          <button key={k} type="button" role="tab" id={`tab-${k}`} aria-selected={tab === k} aria-controls={`parking-${k}`} className={tab === k ? "is-active" : ""} onClick={() => setTab(k)}>
            {t(k)}
          </button>
        ))}
      </div>

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError onRetry={() => void list.refetch()} />
      ) : (
        <div className={`parking-layout show-${tab}`}>
          <section id="parking-list" className="parking-list" role="tabpanel" aria-labelledby="tab-list">
            <p className="muted small" aria-live="polite" data-testid="parking-count">
              {t("count", { count: places.length })}
            </p>
            {places.length === 0 ? (
              <Card>
                <Empty title={t("none")}>{t("noneHint")}</Empty>
              </Card>
            ) : (
              <ul className="place-list" data-testid="place-list">
                {places.map((p) => (
                  <PlaceItem
                    key={p.id}
                    p={p}
                    now={now}
                    isSelected={p.id === selectedId}
                    distance={distance(p.distanceM)}
                    onShowOnMap={() => {
                      setSelectedId(p.id);
                      setTab("map");
                    }}
                    onStar={() => (p.isFavourite ? unstar.mutate({ placeId: p.id }) : star.mutate({ placeId: p.id }))}
                    onNotify={() => notify.mutate({ placeId: p.id, notifyWhenFree: !p.notifyWhenFree })}
                  />
                ))}
              </ul>
            )}
          </section>
          <section id="parking-map" className="parking-map-panel" role="tabpanel" aria-labelledby="tab-map">
            {(isWide || hasOpenedMap) && <ParkingMap centre={list.data.centre} places={places} selectedId={selectedId} onSelect={select} tileUrl={tileUrl} attribution={attribution} labels={labels} />}
            <ul className="parking-legend" aria-label={t("legend")}>
              {(["free", "almostFull", "full", "closed", "unknown"] as const).map((a) => (
                <li key={a}>
                  <span className={`pin pin-${a} pin-dot`} aria-hidden="true" /> {t(`availability.${a}`)}
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}
