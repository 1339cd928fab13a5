"use client";
// Booking a repair: pick a day and a slot (held for you while you fill the form, so nobody
// else can take it), describe the problem, choose the flat, book. The deposit, if any, is
// taken from the wallet with the booking. A slot someone else took meanwhile is said so, and
// the list refreshes (it also refreshes live when slots change).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useToast } from "../../../_components/toast";
import { Button, Card, Empty, Field, FormError, LoadError, Loading, SelectField } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { errorData, useErrorMessage } from "../../../_lib/errors";
import { newIdempotencyKey, useMoney } from "../../../_lib/money";
import { useTRPC } from "../../../_lib/trpc";
import { uploadPhoto } from "../../../_lib/upload-photo";
import { isCategory, slotLabel, type TSlot } from "../slot-format";

type THold = { holdId: string; expiresAt: Date; depositCents: number; calloutFeeCents: number; unitIds: string[]; slot: TSlot; key: string };

export function BookView() {
  const t = useTranslations("repairs");
  const tc = useTranslations("repairCategory");
  const params = useSearchParams();
  const serviceId = params.get("service") ?? "";
  const rawCategory = params.get("category");
  if (!serviceId || !isCategory(rawCategory)) {
    return (
      <div className="page">
        <Card>
          <Empty title={t("pickFirst")}>
            <Link href="/repairs">{t("backToRepairs")}</Link>
          </Empty>
        </Card>
      </div>
    );
  }
  return <Booker serviceId={serviceId} category={rawCategory} initialStart={params.get("start")} title={t("bookTitleFor", { category: tc(rawCategory) })} />;
}

function Booker({ serviceId, category, initialStart, title }: { serviceId: string; category: "plumbing" | "electrical" | "appliance" | "locksmith" | "heating" | "vehicle"; initialStart: string | null; title: string }) {
  const t = useTranslations("repairs");
  const format = useFormatter();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const slots = useQuery(trpc.repairs.listSlots.queryOptions({ serviceId, category }));
  const repairers = useQuery(trpc.repairs.listRepairers.queryOptions({ category }));
  const repairer = repairers.data?.find((r) => r.serviceId === serviceId);
  const [day, setDay] = useState<string | null>(null);
  const [held, setHeld] = useState<THold | null>(null);
  // The slot named by the link was taken (or lapsed) since the link was shown.
  const [gone, setGone] = useState(false);

  const byDay = useMemo(() => {
    const map = new Map<string, TSlot[]>();
    for (const s of slots.data?.slots ?? []) map.set(s.display.starts.date, [...(map.get(s.display.starts.date) ?? []), s]);
    return map;
  }, [slots.data]);
  const days = [...byDay.keys()];
  const shownDay = day && byDay.has(day) ? day : (days[0] ?? null);

  const hold = useMutation(
    trpc.repairs.hold.mutationOptions({
      onError: (e) => {
        toast.show(toMessage(e), { tone: "error" });
        void queryClient.invalidateQueries({ queryKey: trpc.repairs.listSlots.pathKey() });
      },
    }),
  );
  const release = useMutation(trpc.repairs.releaseHold.mutationOptions());
  const take = (slot: TSlot) =>
    hold.mutate(
      { serviceId, category, startsAt: slot.startsAt },
      {
        onSuccess: (r) => {
          setGone(false);
          setHeld({ ...r, slot, key: newIdempotencyKey() });
        },
        onError: (e) => {
          if (errorData(e)?.appCode === "SLOT_TAKEN") setGone(true);
        },
      },
    );

  // A link from the list may name the slot: take it straight away when it is still offered.
  const tried = useRef(false);
  useEffect(() => {
    if (tried.current || !initialStart || !slots.data) return;
    tried.current = true;
    const s = slots.data.slots.find((x) => x.startsAt.toISOString() === initialStart);
    if (s) {
      setDay(s.display.starts.date);
      take(s);
    } else setGone(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slots.data, initialStart]);

  const change = () => {
    if (held) release.mutate({ holdId: held.holdId });
    setHeld(null);
  };

  return (
    <div className="page narrow">
      <header className="page-head">
        <Link href={`/repairs?category=${category}`} className="back">
          ← {t("backToRepairs")}
        </Link>
        <h1>{title}</h1>
        {repairer && (
          <p className="muted">
            {repairer.name} · {t("duration", { minutes: slots.data?.durationMinutes ?? 0 })}
          </p>
        )}
      </header>

      {held ? (
        <BookingForm category={category} held={held} depositCents={held.depositCents} calloutFeeCents={held.calloutFeeCents} onChange={change} />
      ) : slots.isPending ? (
        <Loading />
      ) : slots.isError ? (
        <LoadError onRetry={() => void slots.refetch()} />
      ) : days.length === 0 ? (
        <Card>
          <Empty title={t("noSlots")}>{t("noSlotsHint")}</Empty>
        </Card>
      ) : (
        <Card title={t("pickSlot")}>
          {gone && (
            <p className="notice notice-danger" role="alert" data-testid="slot-gone">
              {t("slotGone")}
            </p>
          )}
          <p className="small muted">{t("shownIn", { zone: slots.data.timeZone })}</p>
          <div className="chips-row day-chips" role="group" aria-label={t("days")}>
            {days.map((d) => (
              <button key={d} type="button" className={`chip-btn ${d === shownDay ? "is-active" : ""}`} aria-pressed={d === shownDay} onClick={() => setDay(d)}>
                {format.dateTime(new Date(`${d}T12:00:00Z`), { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })}
              </button>
            ))}
          </div>
          <ul className="slot-grid" data-testid="slots">
            {(shownDay ? byDay.get(shownDay)! : []).map((s) => (
              <li key={s.startsAt.toISOString()}>
                <button type="button" className="chip-btn slot" onClick={() => take(s)} disabled={hold.isPending} data-testid="slot" data-starts={s.startsAt.toISOString()}>
                  {slotLabel(s)}
                </button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function BookingForm({ category, held, depositCents, calloutFeeCents, onChange }: { category: string; held: THold; depositCents: number; calloutFeeCents: number; onChange: () => void }) {
  const t = useTranslations("repairs");
  const tp = useTranslations("photo");
  const tv = useTranslations("validation");
  const format = useFormatter();
  const money = useMoney();
  const trpc = useTRPC();
  const router = useRouter();
  const toMessage = useErrorMessage();
  const unitLabel = useUnitLabel();
  const allUnits = useQuery(trpc.bills.listUnits.queryOptions());
  // Only the flats in buildings this repairer serves can be booked for.
  const units = { data: allUnits.data?.filter((u) => held.unitIds.includes(u.id)) };
  const [unitId, setUnitId] = useState("");
  const [description, setDescription] = useState("");
  const [photos, setPhotos] = useState<{ id: string; url: string }[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [vehicle, setVehicle] = useState({ make: "", model: "", plate: "", location: "" });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [left, setLeft] = useState(() => held.expiresAt.getTime() - Date.now());
  const fileId = useId();
  useEffect(() => {
    const timer = setInterval(() => setLeft(held.expiresAt.getTime() - Date.now()), 1000);
    return () => clearInterval(timer);
  }, [held.expiresAt]);
  useEffect(() => {
    if (!unitId && units.data?.[0]) setUnitId(units.data[0].id);
  }, [units.data, unitId]);

  const book = useMutation(
    trpc.repairs.book.mutationOptions({
      onSuccess: (b) => router.push(`/repairs/bookings/${b.id}?booked=1`),
      onError: (e) => {
        const fields = errorData(e)?.zodError?.fieldErrors ?? {};
        const mapped: Record<string, string> = {};
        for (const [k, v] of Object.entries(fields)) if (v?.[0]) mapped[k] = tv.has(v[0]) ? tv(v[0]) : v[0];
        setFieldErrors(mapped);
        setError(Object.keys(mapped).length ? null : toMessage(e));
      },
    }),
  );

  const addPhoto = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])].slice(0, 5 - photos.length);
    e.target.value = "";
    setPhotoError(null);
    setUploading(true);
    for (const file of files) {
      const res = await uploadPhoto(file);
      if (!res.ok) {
        setPhotoError(res.reason === "rateLimited" ? tp("rateLimited", { seconds: res.seconds ?? 60 }) : tp(res.reason));
        break;
      }
      setPhotos((p) => [...p, { id: res.id, url: res.url }]);
    }
    setUploading(false);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (description.trim().length < 5) problems.description = tv("describeProblem");
    if (category === "vehicle") for (const k of ["make", "model", "plate", "location"] as const) if (!vehicle[k].trim()) problems[`vehicle.${k}`] = tv("required");
    setFieldErrors(problems);
    if (Object.keys(problems).length) return;
    setError(null);
    book.mutate({ holdId: held.holdId, unitId, description, photoIds: photos.map((p) => p.id), vehicle: category === "vehicle" ? vehicle : null, idempotencyKey: held.key });
  };

  const minutes = Math.max(0, Math.floor(left / 60_000));
  const seconds = Math.max(0, Math.floor((left % 60_000) / 1000));
  const s = held.slot;
  return (
    <form className="card booking-form" onSubmit={submit} noValidate data-testid="booking-form">
      <div className="row-between">
        <div>
          <p className="strong" data-testid="held-slot">
            {format.dateTime(s.startsAt, { weekday: "long", day: "numeric", month: "long", timeZone: s.display.timeZone })}, {slotLabel(s)}
          </p>
          <p className="small muted" role="timer" aria-live="off">
            {left > 0 ? t("heldFor", { minutes, seconds: String(seconds).padStart(2, "0") }) : t("holdLapsed")}
          </p>
        </div>
        <button type="button" className="btn btn-ghost" onClick={onChange}>
          {t("changeSlot")}
        </button>
      </div>

      {units.data && units.data.length > 1 ? (
        <SelectField label={t("unit")} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {units.data.map((u) => (
            <option key={u.id} value={u.id}>
              {u.buildingName}, {unitLabel(u)}
            </option>
          ))}
        </SelectField>
      ) : units.data?.[0] ? (
        <p className="small">
          {t("unit")}: {units.data[0].buildingName}, {unitLabel(units.data[0])}
        </p>
      ) : null}

      <div className="field">
        <label htmlFor="problem">{t("describe")}</label>
        <textarea id="problem" rows={4} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} aria-invalid={!!fieldErrors.description} aria-describedby="problem-error" />
        {fieldErrors.description && (
          <p id="problem-error" className="field-error" role="alert">
            {fieldErrors.description}
          </p>
        )}
      </div>

      {category === "vehicle" && (
        <fieldset className="grid-2 vehicle">
          <legend>{t("vehicle")}</legend>
          {(["make", "model", "plate", "location"] as const).map((k) => (
            <Field key={k} label={t(`vehicle_${k}`)} value={vehicle[k]} onChange={(e) => setVehicle((v) => ({ ...v, [k]: e.target.value }))} error={fieldErrors[`vehicle.${k}`]} />
          ))}
        </fieldset>
      )}

      <div className="field photo-field">
        <label htmlFor={fileId}>{t("photos", { count: photos.length })}</label>
        <ul className="chips">
          {photos.map((p) => (
            <li key={p.id} className="row">
              <img src={p.url} alt="" className="photo-thumb" />
              <button type="button" className="chip-x" aria-label={t("removePhoto")} onClick={() => setPhotos((list) => list.filter((x) => x.id !== p.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        {photos.length < 5 && <input id={fileId} type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={addPhoto} disabled={uploading} data-testid="photo-input" />}
        <p className="hint">{uploading ? tp("uploading") : t("photosHint")}</p>
        {photoError && (
          <p className="field-error" role="alert">
            {photoError}
          </p>
        )}
      </div>

      <p className="small">
        {t("callout", { fee: money(calloutFeeCents) })}
        {depositCents > 0 && <> · {t("depositTaken", { amount: money(depositCents) })}</>}
      </p>
      <FormError message={error} />
      <Button type="submit" className="wide" isBusy={book.isPending} disabled={uploading || !unitId} data-testid="book">
        {depositCents > 0 ? t("bookAndPay", { amount: money(depositCents) }) : t("book")}
      </Button>
    </form>
  );
}
