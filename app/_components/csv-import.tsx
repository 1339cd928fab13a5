"use client";
// A CSV import card: choose a file, it is checked at once (dry run) and every problem is
// listed by line and column; if all is well, one button imports it. Used for bills and
// for shop catalogues, which share the all-or-nothing rules.
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { downloadText } from "../_lib/download";
import { useErrorMessage } from "../_lib/errors";
import { useToast } from "./toast";
import { Button, Card, FormError, Loading } from "./ui";

export type TImportResult = {
  isImported: boolean;
  rows: number;
  imported: number;
  duplicates: { line: number; reference: string }[];
  errors: { line: number; column: string; reason: string }[];
};

type Props = {
  id: string;
  title: string;
  hint: string;
  template: { fileName: string; text: string };
  run: (csv: string, dryRun: boolean) => Promise<TImportResult>;
  onImported: () => Promise<unknown>;
  texts: { ready: (count: number) => string; imported: (count: number) => string; importButton: (count: number) => string; duplicates: (refs: string[]) => string };
};

export function CsvImportCard({ id, title, hint, template, run, onImported, texts }: Props) {
  const t = useTranslations("csvImport");
  const tr = useTranslations("csv");
  const toast = useToast();
  const toMessage = useErrorMessage();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<string | null>(null);
  const [result, setResult] = useState<{ data: TImportResult; isDryRun: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const reason = (r: string) => (tr.has(`reasons.${r}`) ? tr(`reasons.${r}`) : r);

  const go = async (text: string, dryRun: boolean) => {
    setError(null);
    setBusy(true);
    try {
      const data = await run(text, dryRun);
      setResult({ data, isDryRun: dryRun });
      if (!dryRun && data.isImported) {
        toast.show(texts.imported(data.imported));
        await onImported();
        setFile(null);
        if (fileRef.current) fileRef.current.value = "";
      }
    } catch (err) {
      setError(toMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const pick = async (e: React.ChangeEvent<HTMLInputElement>) => {
    setResult(null);
    setError(null);
    const f = e.target.files?.[0];
    if (!f) return setFile(null);
    if (f.size > 1_000_000) {
      setFile(null);
      return setError(t("fileTooLarge"));
    }
    const text = await f.text();
    setFile(text);
    await go(text, true);
  };

  const r = result?.data;
  return (
    <Card
      title={title}
      actions={
        <button type="button" className="link small" onClick={() => downloadText(template.fileName, template.text)}>
          {t("template")}
        </button>
      }
    >
      <p className="hint">{hint}</p>
      <div className="field">
        <label htmlFor={id}>{t("file")}</label>
        <input ref={fileRef} id={id} type="file" accept=".csv,text/csv" onChange={pick} data-testid={id} />
      </div>
      {isBusy && <Loading />}
      <FormError message={error} />
      {r && (
        <div className="import-result" data-testid="import-result" role="status">
          {r.errors.length > 0 ? (
            <>
              <p className="form-error">{t("importRejected", { count: r.errors.length })}</p>
              <div className="table-wrap">
                <table className="table small" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t("line")}</th>
                      <th scope="col">{t("column")}</th>
                      <th scope="col">{t("problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.errors.map((e, i) => (
                      <tr key={i}>
                        <td>{e.line}</td>
                        <td>
                          <code>{e.column || "—"}</code>
                        </td>
                        <td>{reason(e.reason)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : result.isDryRun ? (
            <p className="notice">{r.imported > 0 ? texts.ready(r.imported) : t("nothingNew")}</p>
          ) : (
            <p className="notice notice-ok">{r.isImported ? texts.imported(r.imported) : t("nothingNew")}</p>
          )}
          {r.duplicates.length > 0 && (
            <p className="hint" data-testid="import-duplicates">
              {texts.duplicates(r.duplicates.map((d) => d.reference))}
            </p>
          )}
          {result.isDryRun && r.errors.length === 0 && r.imported > 0 && file && (
            <Button onClick={() => void go(file, false)} isBusy={isBusy} data-testid="import-confirm">
              {texts.importButton(r.imported)}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
