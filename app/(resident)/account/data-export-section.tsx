"use client";
// "Your data" on the account page (issue 16): what an export holds, a button to prepare one,
// and its state, kept live by the `dataExport:changed` event (it refetches privacy.export):
// preparing…, ready (download, size, until when), failed (try again), or asked today (the
// next possible time). The archive itself is built by server/privacy/export.ts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button, Card, FormError, LoadError, Loading } from "../../_components/ui";
import { useToast } from "../../_components/toast";
import { useErrorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";

export function DataExportSection() {
  const t = useTranslations("dataExport");
  const format = useFormatter();
  const trpc = useTRPC();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const state = useQuery(trpc.privacy.export.get.queryOptions());
  const ask = useMutation(
    trpc.privacy.export.request.mutationOptions({
      onSuccess: () => toast.show(t("asked")),
      onError: (e) => setError(errorMessage(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.privacy.export.pathKey() }),
    }),
  );
  const prepare = () => {
    setError(null);
    ask.mutate();
  };

  let body: React.ReactNode;
  if (state.isPending) body = <Loading />;
  else if (state.isError) body = <LoadError onRetry={() => void state.refetch()} />;
  else {
    const { latest, nextAllowedAt } = state.data;
    const isPreparing = latest?.status === "queued" || latest?.status === "building";
    body = (
      <div className="data-export-state" aria-live="polite" data-testid="data-export-state" data-status={latest?.status ?? "none"}>
        {isPreparing && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t("preparing")}
          </p>
        )}
        {latest?.status === "ready" && latest.downloadUrl && (
          <div className="data-export-ready">
            <p>
              <strong>{t("ready")}</strong> {latest.expiresAt && t("until", { at: latest.expiresAt })}
            </p>
            <a className="btn btn-primary" href={latest.downloadUrl} download data-testid="data-export-download">
              {t("download", { size: fileSize(latest.sizeBytes ?? 0, format) })}
            </a>
          </div>
        )}
        {latest?.status === "failed" && <p role="alert">{t("failed")}</p>}
        {latest?.status === "expired" && <p className="muted">{t("expired")}</p>}
        {nextAllowedAt ? (
          <p className="muted small" data-testid="data-export-next">
            {t("nextAt", { at: nextAllowedAt })}
          </p>
        ) : (
          !isPreparing && (
            <Button onClick={prepare} isBusy={ask.isPending} variant={latest?.status === "ready" ? "secondary" : "primary"} data-testid="data-export-prepare">
              {latest?.status === "failed" ? t("tryAgain") : t("prepare")}
            </Button>
          )
        )}
        <FormError message={error} />
      </div>
    );
  }

  return (
    <div id="your-data">
      <Card title={t("title")}>
        <p className="muted">{t("lead")}</p>
        <details className="data-export-included">
          <summary>{t("includedTitle")}</summary>
          <p className="small">{t("included")}</p>
        </details>
        {body}
      </Card>
    </div>
  );
}

/** A file size in words the reader knows: kB below a megabyte, else MB with one decimal. */
function fileSize(bytes: number, format: ReturnType<typeof useFormatter>) {
  return bytes < 1_000_000
    ? format.number(Math.max(1, Math.round(bytes / 1000)), { style: "unit", unit: "kilobyte" })
    : format.number(Math.round(bytes / 100_000) / 10, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
}
