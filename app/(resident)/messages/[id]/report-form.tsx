"use client";
// Reporting a message from the other side: a reason and an optional note, sent to the
// administrators; shown under the message's bubble.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useToast } from "../../../_components/toast";
import { Button } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";

export function ReportForm({ messageId, onDone }: { messageId: string; onDone: () => void }) {
  const t = useTranslations("chat");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const [reason, setReason] = useState<"spam" | "abuse" | "scam" | "other">("spam");
  const [note, setNote] = useState("");
  const firstRef = useRef<HTMLSelectElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  const report = useMutation(
    trpc.chat.report.mutationOptions({
      onSuccess: () => {
        toast.show(t("reported"));
        onDone();
      },
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
    }),
  );
  return (
    <form
      className="report-form card"
      onSubmit={(e) => {
        e.preventDefault();
        report.mutate({ messageId, reason, note });
      }}
      aria-label={t("reportTitle")}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone();
      }}
    >
      <p className="strong">{t("reportTitle")}</p>
      <div className="field">
        <label htmlFor={`reason-${messageId}`}>{t("reason")}</label>
        <select ref={firstRef} id={`reason-${messageId}`} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
          {(["spam", "abuse", "scam", "other"] as const).map((r) => (
            <option key={r} value={r}>
              {t(`reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`note-${messageId}`}>{t("reportNote")}</label>
        <input id={`note-${messageId}`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="row">
        <Button type="submit" isBusy={report.isPending}>
          {t("reportSend")}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
