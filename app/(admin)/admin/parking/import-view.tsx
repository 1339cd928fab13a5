"use client";
// Admins import places from a GeoJSON or ParkAPI file: a preview says what would be
// created, updated, left unchanged and left alone (or lists each bad feature by index and
// reason); confirming sends the same file again, and the server recomputes the plan and
// writes it all or nothing.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button, Card, FormError, SelectField } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { MAX_IMPORT_CHARS, type TImportPlan, type TImportResult } from "~/server/parking/import-schema";

type TFormat = "geojson" | "parkapi";

export function ImportPlaces({ operators }: { operators: { id: string; name: string }[] }) {
  const t = useTranslations("parkingAdmin");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const fileRef = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<TFormat>("geojson");
  const [operatorId, setOperatorId] = useState("");
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [plan, setPlan] = useState<TImportPlan | null>(null);
  const [done, setDone] = useState<TImportResult | null>(null);
  const preview = useMutation(trpc.parking.admin.previewImport.mutationOptions({ onSuccess: setPlan }));
  const run = useMutation(
    trpc.parking.admin.import.mutationOptions({
      onSuccess: (result) => {
        setDone(result);
        setPlan(null);
        setText("");
        if (fileRef.current) fileRef.current.value = "";
        void queryClient.invalidateQueries({ queryKey: trpc.parking.admin.pathKey() });
      },
    }),
  );
  const input = () => ({ format, text, operatorId: operatorId || null });
  /** Anything changed: the old preview no longer says what would happen. */
  const reset = () => {
    setPlan(null);
    setDone(null);
    preview.reset();
    run.reset();
  };

  const pick = async (e: React.ChangeEvent<HTMLInputElement>) => {
    reset();
    setFileError(null);
    const f = e.target.files?.[0];
    if (!f) return;
    if (f.size > MAX_IMPORT_CHARS) {
      setText("");
      return setFileError(t("import.fileTooLarge", { mb: MAX_IMPORT_CHARS / 1_000_000 }));
    }
    setText(await f.text());
  };

  const toWrite = plan ? plan.create + plan.update : 0;
  /** A refused feature's problems in the page's language (the English reason if a code is new to this page). */
  const reasonOf = (e: TImportPlan["errors"][number]) =>
    e.problems.length && e.problems.every((p) => t.has(`import.reasons.${p.code}`)) ? e.problems.map((p) => t(`import.reasons.${p.code}`, p.params)).join("; ") : e.reason;
  return (
    <Card title={t("import.title")}>
      <p className="hint">{t("import.hint")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          run.reset();
          preview.mutate(input());
        }}
      >
        <div className="grid-2">
          <SelectField label={t("import.format")} value={format} onChange={(e) => (setFormat(e.target.value as TFormat), reset())} data-testid="import-format">
            <option value="geojson">{t("import.geojson")}</option>
            <option value="parkapi">{t("import.parkapi")}</option>
          </SelectField>
          <SelectField label={t("import.operator")} value={operatorId} onChange={(e) => (setOperatorId(e.target.value), reset())} data-testid="import-operator">
            <option value="">{t("import.noOperator")}</option>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input ref={fileRef} id="import-file" type="file" accept=".json,.geojson,application/json,application/geo+json" onChange={(e) => void pick(e)} data-testid="import-file" />
          <FormError message={fileError} />
        </div>
        <div className="field">
          <label htmlFor="import-text">{t("import.paste")}</label>
          <textarea id="import-text" rows={4} value={text} onChange={(e) => (setText(e.target.value), reset())} spellCheck={false} className="code-area" data-testid="import-text" />
        </div>
        <Button type="submit" variant="secondary" isBusy={preview.isPending} disabled={!text.trim()} data-testid="import-preview">
          {t("import.preview")}
        </Button>
      </form>
      <FormError message={preview.isError ? errorMessage(preview.error) : run.isError ? errorMessage(run.error) : null} />
      {done && (
        <p className="notice notice-ok" role="status" data-testid="import-done">
          {t("import.done", { created: done.created, updated: done.updated, unchanged: done.unchanged })}
        </p>
      )}
      {plan && (
        <div className="import-result" data-testid="import-plan" role="status">
          {plan.errors.length > 0 ? (
            <>
              <p className="form-error">{t("import.rejected", { count: plan.errors.length, total: plan.features })}</p>
              <div className="table-wrap">
                <table className="table small" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t("import.index")}</th>
                      <th scope="col">{t("import.problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.errors.map((e) => (
                      <tr key={e.index}>
                        <td>{e.index}</td>
                        <td className="wrap-anywhere">{reasonOf(e)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <>
              <div className="stats stats-even" data-testid="import-counts">
                <Stat label={t("import.toCreate")} value={plan.create} testId="count-create" />
                <Stat label={t("import.toUpdate")} value={plan.update} testId="count-update" />
                <Stat label={t("import.unchanged")} value={plan.unchanged} testId="count-unchanged" />
                <Stat label={t("import.leftAlone")} value={plan.leftAlone} testId="count-left-alone" />
              </div>
              {plan.changes.length > 0 && (
                <div className="table-wrap">
                  <table className="table small" data-testid="import-changes">
                    <thead>
                      <tr>
                        <th scope="col">{t("import.index")}</th>
                        <th scope="col">{t("import.place")}</th>
                        <th scope="col">{t("import.change")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {plan.changes.map((c) => (
                        <tr key={c.index}>
                          <td>{c.index}</td>
                          <td className="wrap-anywhere">
                            {c.name} <span className="muted">({c.externalId})</span>
                          </td>
                          <td>{c.action === "create" ? t("import.new") : t("import.changes", { fields: c.fields.join(", ") })}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {plan.create + plan.update > plan.changes.length && <p className="hint">{t("import.more", { count: plan.create + plan.update - plan.changes.length })}</p>}
              {toWrite > 0 ? (
                <Button onClick={() => run.mutate(input())} isBusy={run.isPending} data-testid="import-confirm">
                  {t("import.confirm", { count: toWrite })}
                </Button>
              ) : (
                <p className="notice">{t("import.nothing")}</p>
              )}
            </>
          )}
        </div>
      )}
    </Card>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="small muted">{label}</span>
      <span className="stat-value">{value}</span>
    </div>
  );
}
