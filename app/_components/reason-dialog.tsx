"use client";
// An admin's act that needs a reason (suspending a person or a shop) or takes a note
// (restoring): a modal with the reason and one confirm button. The reason is checked again
// on the server (ZReason); the server's refusal is shown in the dialog.
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Modal } from "./modal";
import { Button, FormError } from "./ui";

type Props = {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  hint: string;
  /** Required (suspending) or an optional note (restoring). */
  isRequired: boolean;
  /** Shown under the field: who will read the reason. */
  reasonHint?: string;
  confirmLabel: string;
  isBusy: boolean;
  error?: string | null;
  onConfirm: (reason: string) => void;
};

export function ReasonDialog({ isOpen, onClose, title, hint, isRequired, reasonHint, confirmLabel, isBusy, error, onConfirm }: Props) {
  const t = useTranslations("reasonDialog");
  const tv = useTranslations("validation");
  const tc = useTranslations("common");
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  const [isInvalid, setInvalid] = useState(false);
  return (
    <Modal isOpen={isOpen} onClose={() => !isBusy && onClose()} title={title} initialFocus={field} isLocked={isBusy} data-testid="reason-dialog">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (isRequired && reason.trim().length < 3) {
            setInvalid(true);
            field.current?.focus();
            return;
          }
          onConfirm(reason.trim());
        }}
      >
        {hint && <p className="muted small">{hint}</p>}
        <div className="field">
          <label htmlFor={id}>
            {isRequired ? t("reason") : t("reasonOptional")}
            {!isRequired && <span className="muted"> ({tc("optional")})</span>}
          </label>
          <textarea
            ref={field}
            id={id}
            rows={3}
            maxLength={500}
            value={reason}
            aria-invalid={isInvalid}
            aria-describedby={`${id}-hint${isInvalid ? ` ${id}-err` : ""}`}
            onChange={(e) => {
              setReason(e.target.value);
              if (isInvalid && e.target.value.trim().length >= 3) setInvalid(false);
            }}
          />
          <p id={`${id}-hint`} className="hint">
            {reasonHint ?? t("reasonHint")}
          </p>
          {isInvalid && (
            <p id={`${id}-err`} className="field-error" role="alert">
              {tv("reasonRequired")}
            </p>
          )}
        </div>
        <FormError message={error} />
        <div className="row">
          <Button type="submit" variant={isRequired ? "danger" : "primary"} isBusy={isBusy}>
            {confirmLabel}
          </Button>
          <Button type="button" variant="ghost" onClick={onClose} disabled={isBusy}>
            {tc("cancel")}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
