"use client";
// One message in a conversation: a stored one (order it is about, photo, linkified text,
// time, ✓ sent / ✓✓ delivered / ✓✓ read ticks on one's own, "Report" on theirs), or one still
// being sent (sending…, or not sent with why, e.g. "wait N s", and Retry/Discard).
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { TChatMessage } from "~/server/chat/schema";
import { MessageText } from "../../../_components/chat/message-text";
import type { TOutboxItem } from "../../../_lib/chat/session";
import { ReportForm } from "./report-form";

export function Bubble({ m, isMine, other, canReport }: { m: TChatMessage; isMine: boolean; other: { deliveredSeq: number; readSeq: number }; canReport: boolean }) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const [isReporting, setReporting] = useState(false);
  const reportRef = useRef<HTMLButtonElement>(null);
  // Focus goes into the form when it opens (ReportForm focuses its first field) and back to
  // "Report" when it is sent or cancelled.
  const closeReport = () => {
    flushSync(() => setReporting(false));
    reportRef.current?.focus();
  };
  const state = m.seq <= other.readSeq ? "read" : m.seq <= other.deliveredSeq ? "delivered" : "sent";
  return (
    <li className={`bubble-row ${isMine ? "is-mine" : "is-theirs"}`} data-testid="message" data-seq={m.seq} data-mine={isMine}>
      <div className="bubble">
        {m.order && <p className="bubble-order small">{t("aboutOrder", { number: m.order.number })}</p>}
        {m.photo && (
          <a href={m.photo.url} target="_blank" rel="noopener noreferrer">
            <img src={m.photo.url} alt={t("photoAlt")} width={m.photo.width} height={m.photo.height} className="bubble-photo" loading="lazy" />
          </a>
        )}
        {m.body && (
          <p className="bubble-text" data-testid="message-text">
            <MessageText text={m.body} />
          </p>
        )}
        {/* A message whose sender's account was erased: its text and photo are gone (server/privacy/deletion.ts). */}
        {!m.body && !m.photo && (
          <p className="bubble-text muted" data-testid="message-deleted">
            <em>{t("messageDeleted")}</em>
          </p>
        )}
        <p className="bubble-meta">
          <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), { hour: "2-digit", minute: "2-digit" })}</time>
          {isMine && (
            <span className={`tick tick-${state}`} data-testid="tick" data-state={state}>
              {state === "read" ? "✓✓ " + t("read") : state === "delivered" ? "✓✓ " + t("delivered") : "✓ " + t("sent")}
            </span>
          )}
          {canReport && !isReporting && (
            <button type="button" ref={reportRef} className="link-button bubble-report" onClick={() => setReporting(true)}>
              {t("report")}
            </button>
          )}
        </p>
      </div>
      {isReporting && <ReportForm messageId={m.id} onDone={closeReport} />}
    </li>
  );
}

export function PendingBubble({ item, onRetry, onDiscard }: { item: TOutboxItem; onRetry: () => void; onDiscard: () => void }) {
  const t = useTranslations("chat");
  const te = useTranslations("errors");
  const code = item.error?.code;
  const error = !item.error
    ? null
    : code === "RATE_LIMITED"
      ? t("rateLimited", { seconds: Number(item.error.params?.seconds ?? 10) })
      : code && te.has(code)
        ? te(code, item.error.params ?? {})
        : te("INTERNAL");
  return (
    <li className={`bubble-row is-mine is-pending ${item.status === "failed" ? "is-failed" : ""}`} data-testid="pending-message">
      <div className="bubble">
        {item.photoId && <p className="small muted">{t("photo")}</p>}
        {item.body && (
          <p className="bubble-text">
            <MessageText text={item.body} />
          </p>
        )}
        <p className="bubble-meta">
          <span className="tick" data-testid="tick" data-state={item.status}>
            {item.status === "failed" ? t("notSent") : `◷ ${t("sending")}`}
          </span>
        </p>
      </div>
      {error && (
        <div className="bubble-error" role="alert">
          <span>{error}</span>
          <button type="button" className="link-button" onClick={onRetry}>
            {t("retry")}
          </button>
          <button type="button" className="link-button" onClick={onDiscard}>
            {t("discard")}
          </button>
        </div>
      )}
    </li>
  );
}
