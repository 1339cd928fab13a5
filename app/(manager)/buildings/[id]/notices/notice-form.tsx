"use client";
// Writing a notice (issue 14), new or edited: react-hook-form on the server's own schema
// (ZNoticeCreate / ZNoticeUpdate), templates for the usual notices, who it is for (the
// building, some staircases, several buildings) with the live count of units and residents
// it reaches, a Markdown body with the server's own preview, attachments, and a last step
// that says how many people it is about to reach before anything is sent.
import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useForm, type FieldErrors, type Path, type Resolver } from "react-hook-form";
import { MAX_NOTICE_ATTACHMENTS, NOTICE_CATEGORIES, ZNoticeCreate, ZNoticeUpdate, type TManagedNotice, type TNoticeCategory, type TNoticeCreate, type TNoticeCreateInput, type TNoticeTarget } from "~/server/notices/schema";
import { useToast } from "../../../../_components/toast";
import { Button, Card, Field, FormError, LoadError, Loading, SelectField } from "../../../../_components/ui";
import { errorData, useErrorMessage, useValidationText } from "../../../../_lib/errors";
import { useTRPC } from "../../../../_lib/trpc";
import { NOTICE_FILE_TYPES, uploadNoticeFile, type TNoticeFile } from "../../../../_lib/upload-notice-file";
import { WHEN, targetLabel } from "./parts";

type TForm = TNoticeCreateInput & { id?: string };
type TMode = "building" | "staircases" | "buildings" | "fixed";

export const NOTICE_TEMPLATES: { key: string; category: TNoticeCategory }[] = [
  { key: "water", category: "water" },
  { key: "lift", category: "lift" },
  { key: "works", category: "works" },
  { key: "power", category: "power" },
  { key: "heating", category: "heating" },
  { key: "event", category: "event" },
];

/** A Date as the value of an <input type="datetime-local"> (the browser's zone). */
function localInput(d: Date | null | undefined): string | null {
  if (!d) return null;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
const emptyToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** How the saved targets read in the form's terms. */
function modeOf(buildingId: string, targets: { buildingId: string; staircase: string }[]): { mode: TMode; stairs: string[]; others: string[] } {
  const here = targets.filter((x) => x.buildingId === buildingId);
  if (targets.length === 1 && here.length === 1 && here[0]!.staircase === "") return { mode: "building", stairs: [], others: [] };
  if (here.length === targets.length && here.every((x) => x.staircase !== "")) return { mode: "staircases", stairs: here.map((x) => x.staircase), others: [] };
  if (targets.every((x) => x.staircase === "") && here.length === 1) return { mode: "buildings", stairs: [], others: targets.filter((x) => x.buildingId !== buildingId).map((x) => x.buildingId) };
  return { mode: "fixed", stairs: [], others: [] };
}

export function NoticeEditor({ buildingId, initial }: { buildingId: string; initial: TManagedNotice }) {
  const trpc = useTRPC();
  // Read once: a live refetch must not reset what the manager is typing.
  const notice = useQuery(trpc.notices.manage.get.queryOptions({ id: initial.id }, { initialData: initial, staleTime: Infinity, refetchOnWindowFocus: false }));
  if (notice.isPending) return <Loading />;
  if (notice.isError) return <LoadError onRetry={() => void notice.refetch()} />;
  return <NoticeForm buildingId={buildingId} initial={notice.data} />;
}

export function NoticeForm({ buildingId, initial }: { buildingId: string; initial?: TManagedNotice }) {
  const t = useTranslations("noticesManage");
  const tf = useTranslations("noticesManage.form");
  const tc = useTranslations("common");
  const tv = useTranslations("validation");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const validationText = useValidationText();
  const bodyId = useId();
  const errorRef = useRef<HTMLDivElement>(null);
  const targetsRef = useRef<HTMLFieldSetElement>(null);
  const isEdit = !!initial;
  const isPublished = !!initial && initial.state !== "scheduled";
  const [formError, setFormError] = useState<string | null>(null);
  const [showPreview, setShowPreview] = useState(false);
  const [publishLater, setPublishLater] = useState(!!initial && initial.state === "scheduled" && initial.publishAt.getTime() > Date.now() + 60_000);
  const [pending, setPending] = useState<TNoticeCreate | null>(null);

  const options = useQuery(trpc.notices.manage.targets.queryOptions());
  const here = options.data?.find((b) => b.id === buildingId);
  const others = options.data?.filter((b) => b.id !== buildingId) ?? [];
  const start = useMemo(() => modeOf(buildingId, initial?.targets ?? [{ buildingId, staircase: "" }]), [buildingId, initial]);
  const [mode, setMode] = useState<TMode>(isPublished ? "fixed" : start.mode);
  const [stairs, setStairs] = useState<string[]>(start.stairs);
  const [otherIds, setOtherIds] = useState<string[]>(start.others);
  const targets: TNoticeTarget[] = useMemo(() => {
    if (mode === "fixed") return (initial?.targets ?? []).map((x) => ({ buildingId: x.buildingId, staircase: x.staircase }));
    if (mode === "staircases") return stairs.map((staircase) => ({ buildingId, staircase }));
    if (mode === "buildings") return [buildingId, ...otherIds].map((id) => ({ buildingId: id, staircase: "" }));
    return [{ buildingId, staircase: "" }];
  }, [mode, stairs, otherIds, buildingId, initial]);

  const [files, setFiles] = useState<TNoticeFile[]>(initial?.attachments ?? []);
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);

  const defaults: TForm = {
    ...(initial ? { id: initial.id } : {}),
    targets,
    title: initial?.title ?? "",
    body: initial?.body ?? "",
    category: initial?.category ?? "general",
    urgency: initial?.urgency ?? "normal",
    startsAt: localInput(initial?.startsAt),
    endsAt: localInput(initial?.endsAt),
    publishAt: initial && !isPublished && publishLater ? localInput(initial.publishAt) : null,
    expiresAt: localInput(initial?.expiresAt),
    pinned: initial?.pinned ?? false,
    attachmentIds: files.map((f) => f.id),
  };
  const resolver = zodResolver(isEdit ? ZNoticeUpdate : ZNoticeCreate) as unknown as Resolver<TForm, unknown, TNoticeCreate & { id?: string }>;
  const { register, handleSubmit, formState, setError, setValue, getValues, watch, clearErrors } = useForm<TForm, unknown, TNoticeCreate & { id?: string }>({ resolver, defaultValues: defaults });
  const err = (k: keyof TForm) => validationText(formState.errors[k]?.message);

  const targetsKey = JSON.stringify(targets);
  useEffect(() => {
    setValue("targets", targets, { shouldValidate: formState.isSubmitted });
    // targetsKey stands for targets' content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [targetsKey]);
  useEffect(() => setValue("attachmentIds", files.map((f) => f.id)), [files, setValue]);

  const audience = useQuery(trpc.notices.manage.audience.queryOptions({ targets }, { enabled: targets.length > 0, placeholderData: keepPreviousData }));
  const body = watch("body");
  const urgency = watch("urgency");
  const preview = useQuery(trpc.notices.manage.preview.queryOptions({ body: body ?? "" }, { enabled: showPreview && !!body?.trim() }));

  const create = useMutation(trpc.notices.manage.create.mutationOptions());
  const update = useMutation(trpc.notices.manage.update.mutationOptions());

  const showTopError = (message: string) => {
    setFormError(message);
    requestAnimationFrame(() => errorRef.current?.focus());
  };

  /** The server's answer: per-field messages next to their fields (focus on the first), the rest at the top. */
  const onServerError = (e: unknown) => {
    setPending(null);
    const data = errorData(e);
    const fields = Object.entries(data?.zodError?.fieldErrors ?? {}).filter(([, m]) => m?.[0]);
    let focused = false;
    for (const [name, messages] of fields) {
      const key = messages![0]!;
      setError(name as Path<TForm>, { message: tv.has(key) ? tv(key) : key }, { shouldFocus: !focused });
      focused = true;
    }
    const field = data?.params?.field;
    if (!fields.length && data?.appCode === "INVALID_INPUT" && typeof field === "string") {
      setError(field as Path<TForm>, { message: tv(field === "expiresAt" ? "expiresBeforePublish" : "required") }, { shouldFocus: true });
      return;
    }
    if (fields.some(([n]) => n === "targets")) targetsRef.current?.focus();
    if (!fields.length) showTopError(toMessage(e));
    else setFormError(tf("fixErrors"));
  };

  const send = async (values: TNoticeCreate & { id?: string }) => {
    setFormError(null);
    try {
      const saved = isEdit ? await update.mutateAsync({ ...values, id: initial.id }) : await create.mutateAsync(values);
      toast.show(isEdit ? tf("saved") : saved.state === "scheduled" ? tf("scheduled") : tf("sent"));
      await queryClient.invalidateQueries({ queryKey: trpc.notices.manage.pathKey() });
      router.push(`/buildings/${buildingId}/notices/${saved.id}`);
    } catch (e) {
      onServerError(e);
    }
  };

  const onSubmit = handleSubmit(
    async (values) => {
      if (publishLater && !isPublished && !values.publishAt) {
        setError("publishAt", { message: tv("required") }, { shouldFocus: true });
        return;
      }
      const ready = { ...values, publishAt: publishLater && !isPublished ? values.publishAt : null };
      if (isEdit) await send(ready);
      else setPending(ready);
    },
    (errors: FieldErrors<TForm>) => {
      setFormError(tf("fixErrors"));
      if (errors.targets && Object.keys(errors).length === 1) targetsRef.current?.focus();
    },
  );

  const applyTemplate = (key: string, category: TNoticeCategory) => {
    const { title, body } = getValues();
    if ((title?.trim() || body?.trim()) && !window.confirm(tf("templateReplaces"))) return;
    setValue("category", category, { shouldDirty: true });
    setValue("title", t(`templates.${key}.title`), { shouldDirty: true });
    setValue("body", t.raw(`templates.${key}.body`) as string, { shouldDirty: true });
    clearErrors(["title", "body", "category"]);
    setShowPreview(false);
  };

  const addFiles = async (list: FileList | null) => {
    setUploadError(null);
    for (const file of Array.from(list ?? [])) {
      if (files.length >= MAX_NOTICE_ATTACHMENTS) return setUploadError(tf("uploadError.tooMany"));
      setUpload({ name: file.name, percent: 0 });
      const r = await uploadNoticeFile(file, (percent) => setUpload({ name: file.name, percent }));
      setUpload(null);
      if (!r.ok) return setUploadError(tf(`uploadError.${r.reason}`, { name: file.name, seconds: r.seconds ?? 60 }));
      const { ok: _ok, ...saved } = r;
      setFiles((f) => (f.length >= MAX_NOTICE_ATTACHMENTS ? f : [...f, saved]));
    }
  };

  const isBusy = formState.isSubmitting || create.isPending || update.isPending;
  const audienceText = audience.data ? tf("audience", audience.data) : tf("audienceLoading");
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((x) => x !== value));

  return (
    <form onSubmit={onSubmit} noValidate className="notice-form" data-testid="notice-form">
      <div ref={errorRef} tabIndex={-1} className="notice-form-error">
        <FormError message={formError} />
      </div>

      {!isEdit && (
        <Card title={tf("templates")}>
          <p className="hint">{tf("templatesHint")}</p>
          <div className="chips-row notice-templates" role="group" aria-label={tf("templates")}>
            {NOTICE_TEMPLATES.map(({ key, category }) => (
              <button key={key} type="button" className="chip-btn" data-testid={`template-${key}`} onClick={() => applyTemplate(key, category)}>
                {t(`templates.${key}.label`)}
              </button>
            ))}
          </div>
        </Card>
      )}

      <Card title={tf("targets")}>
        <fieldset ref={targetsRef} tabIndex={-1} className="plain-fieldset" aria-describedby="notice-audience" data-testid="notice-targets">
          <legend className="sr-only">{tf("targets")}</legend>
          {mode === "fixed" ? (
            <>
              <ul className="chips">
                {(initial?.targets ?? []).map((x) => (
                  <li key={`${x.buildingId}/${x.staircase}`} className="chip chip-static">
                    {targetLabel(t, x, true)}
                  </li>
                ))}
              </ul>
              <p className="hint">{tf("targetsLocked")}</p>
            </>
          ) : (
            <div className="stack-tight">
              <label className="check">
                <input type="radio" name="notice-target-mode" checked={mode === "building"} onChange={() => setMode("building")} />
                <span>
                  {tf("targetBuilding")}
                  {here && <span className="muted"> · {here.name}</span>}
                </span>
              </label>
              {(here?.staircases.length ?? 0) > 0 && (
                <label className="check">
                  <input type="radio" name="notice-target-mode" checked={mode === "staircases"} onChange={() => setMode("staircases")} />
                  {tf("targetStaircases")}
                </label>
              )}
              {mode === "staircases" && (
                <div className="row indent">
                  {here?.staircases.map((s) => (
                    <label key={s} className="check">
                      <input type="checkbox" checked={stairs.includes(s)} onChange={(e) => setStairs((l) => toggle(l, s, e.target.checked))} />
                      {t("staircase", { name: s })}
                    </label>
                  ))}
                </div>
              )}
              {others.length > 0 && (
                <label className="check">
                  <input type="radio" name="notice-target-mode" checked={mode === "buildings"} onChange={() => setMode("buildings")} />
                  {tf("targetBuildings")}
                </label>
              )}
              {mode === "buildings" && (
                <div className="stack-tight indent">
                  <label className="check">
                    <input type="checkbox" checked disabled />
                    {here?.name}
                  </label>
                  {others.map((b) => (
                    <label key={b.id} className="check">
                      <input type="checkbox" checked={otherIds.includes(b.id)} onChange={(e) => setOtherIds((l) => toggle(l, b.id, e.target.checked))} />
                      {b.name}
                    </label>
                  ))}
                </div>
              )}
            </div>
          )}
        </fieldset>
        {err("targets") && (
          <p className="field-error" role="alert">
            {mode === "staircases" && stairs.length === 0 ? tf("pickStaircase") : err("targets")}
          </p>
        )}
        <p id="notice-audience" className="audience strong" data-testid="notice-audience" data-units={audience.data?.units} data-residents={audience.data?.residents} aria-live="polite">
          {targets.length > 0 ? audienceText : null}
        </p>
      </Card>

      <Card title={tf("content")}>
        <Field label={tf("title")} placeholder={tf("titlePlaceholder")} maxLength={120} error={err("title")} {...register("title")} />
        <div className="field">
          <div className="row-between notice-body-head">
            <label htmlFor={bodyId}>{tf("body")}</label>
            <div className="segmented" role="group" aria-label={`${tf("write")} / ${tf("preview")}`}>
              <button type="button" className={showPreview ? "" : "is-active"} aria-pressed={!showPreview} onClick={() => setShowPreview(false)}>
                {tf("write")}
              </button>
              <button type="button" className={showPreview ? "is-active" : ""} aria-pressed={showPreview} onClick={() => setShowPreview(true)} data-testid="preview-toggle">
                {tf("preview")}
              </button>
            </div>
          </div>
          <textarea id={bodyId} rows={12} maxLength={10_000} hidden={showPreview} aria-invalid={!!err("body")} aria-describedby={`${bodyId}-hint`} {...register("body")} />
          {showPreview && (
            <div className="prose notice-preview" data-testid="notice-preview" aria-live="polite">
              {!body?.trim() ? (
                <p className="muted">{tf("previewEmpty")}</p>
              ) : preview.isPending ? (
                <Loading />
              ) : preview.isError ? (
                <p className="field-error">{tf("previewError")}</p>
              ) : (
                // Rendered and sanitised by the server (server/notices/markdown.ts), as residents get it.
                <div dangerouslySetInnerHTML={{ __html: preview.data.html }} />
              )}
            </div>
          )}
          <p id={`${bodyId}-hint`} className="hint">
            {tf("bodyHint")}
          </p>
          {err("body") && (
            <p className="field-error" role="alert">
              {err("body")}
            </p>
          )}
        </div>
        <SelectField label={tf("categoryLabel")} error={err("category")} {...register("category")}>
          {NOTICE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </SelectField>
        <fieldset className="plain-fieldset field">
          <legend>{tf("urgency")}</legend>
          {isPublished ? (
            // What residents were sent depends on it (an urgent notification to acknowledge): fixed once published.
            <p data-testid="urgency-fixed">
              <strong>{urgency === "urgent" ? tf("urgentLabel") : tf("normal")}</strong> <span className="hint">{tf("urgencyLocked")}</span>
            </p>
          ) : (
            <>
              <div className="row">
                <label className="check">
                  <input type="radio" value="normal" {...register("urgency")} />
                  {tf("normal")}
                </label>
                <label className="check">
                  <input type="radio" value="urgent" {...register("urgency")} />
                  {tf("urgentLabel")}
                </label>
              </div>
              <p className={`hint ${urgency === "urgent" ? "urgent-hint" : ""}`}>{tf("urgentHint")}</p>
            </>
          )}
        </fieldset>
        <label className="check">
          <input type="checkbox" {...register("pinned")} />
          {tf("pinnedLabel")}
        </label>
      </Card>

      <Card title={tf("disruption")}>
        <p className="hint">{tf("disruptionHint")}</p>
        <div className="grid-2 tight">
          <Field type="datetime-local" label={tf("startsAt")} error={err("startsAt")} {...register("startsAt", { setValueAs: emptyToNull })} />
          <Field type="datetime-local" label={tf("endsAt")} error={err("endsAt")} {...register("endsAt", { setValueAs: emptyToNull })} />
        </div>
      </Card>

      <Card title={tf("publishing")}>
        {isPublished && initial ? (
          <p className="small">{t("publishedOn", { date: format.dateTime(initial.publishedAt ?? initial.publishAt, WHEN) })}</p>
        ) : (
          <div className="row">
            <label className="check">
              <input
                type="radio"
                name="notice-publish"
                checked={!publishLater}
                onChange={() => {
                  setPublishLater(false);
                  setValue("publishAt", null);
                }}
              />
              {tf("publishNow")}
            </label>
            <label className="check">
              <input type="radio" name="notice-publish" checked={publishLater} onChange={() => setPublishLater(true)} />
              {tf("publishLater")}
            </label>
          </div>
        )}
        <div className="grid-2 tight publish-times">
          {publishLater && !isPublished && <Field type="datetime-local" label={tf("publishAt")} error={err("publishAt")} {...register("publishAt", { setValueAs: emptyToNull })} />}
          <Field type="datetime-local" label={tf("expiresAt")} hint={tf("expiresHint")} error={err("expiresAt")} {...register("expiresAt", { setValueAs: emptyToNull })} />
        </div>
      </Card>

      <Card title={tf("attachments")}>
        <p className="hint">{tf("attachmentsHint")}</p>
        {files.length > 0 && (
          <ul className="list notice-files" data-testid="notice-files">
            {files.map((f) => (
              <li key={f.id} className="list-row" data-testid="notice-file" data-name={f.name}>
                <span className="grow">
                  <a href={f.url} target="_blank" rel="noreferrer">
                    {f.name}
                  </a>{" "}
                  <span className="muted small">
                    {f.kind === "pdf" ? "PDF" : "image"} · {format.number(f.bytes / 1024, { maximumFractionDigits: 0 })} ko
                  </span>
                </span>
                <button type="button" className="chip-x" aria-label={tf("removeFile", { name: f.name })} onClick={() => setFiles((l) => l.filter((x) => x.id !== f.id))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {upload && (
          <div className="upload-progress small" role="status">
            {tf("uploading", upload)}
            <progress max={100} value={upload.percent} />
          </div>
        )}
        {uploadError && (
          <p className="field-error" role="alert">
            {uploadError}
          </p>
        )}
        {files.length < MAX_NOTICE_ATTACHMENTS && (
          <label className="btn btn-secondary btn-small file-pick">
            {tf("addFile")}
            <input
              type="file"
              accept={NOTICE_FILE_TYPES.join(",")}
              multiple
              disabled={!!upload}
              className="sr-only"
              data-testid="notice-file-input"
              onChange={(e) => {
                void addFiles(e.target.files);
                e.target.value = "";
              }}
            />
          </label>
        )}
        {err("attachmentIds") && (
          <p className="field-error" role="alert">
            {err("attachmentIds")}
          </p>
        )}
      </Card>

      {pending ? (
        <div className="card confirm-send" role="alertdialog" aria-labelledby="notice-confirm-q" data-testid="notice-confirm">
          <p id="notice-confirm-q" className="strong">
            {audience.data
              ? pending.publishAt && pending.publishAt.getTime() > Date.now()
                ? tf("confirmSchedule", { ...audience.data, date: format.dateTime(pending.publishAt, WHEN) })
                : tf("confirmSend", audience.data)
              : tf("audienceLoading")}
          </p>
          {pending.urgency === "urgent" && <p className="small">{tf("confirmUrgent")}</p>}
          <div className="row">
            <Button type="button" isBusy={create.isPending} disabled={!audience.data} onClick={() => void send(pending)} data-testid="notice-send" autoFocus>
              {pending.publishAt && pending.publishAt.getTime() > Date.now() ? tf("schedule") : tf("send")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setPending(null)}>
              {tf("keepEditing")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="row form-actions">
          <Button type="submit" isBusy={isBusy} disabled={!!upload}>
            {isEdit ? tf("save") : tf("review")}
          </Button>
          <Link className="btn btn-ghost" href={initial ? `/buildings/${buildingId}/notices/${initial.id}` : `/buildings/${buildingId}?tab=notices`}>
            {tc("cancel")}
          </Link>
        </div>
      )}
    </form>
  );
}
