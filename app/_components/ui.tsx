"use client";
// Shared form and layout pieces: labelled fields with errors, buttons, cards, states.
import { useTranslations } from "next-intl";
import { forwardRef, useId, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";

type FieldProps = React.InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string; isOptional?: boolean };
/**
 * `labelAside`: a control shown on the label's line (the password's "Show"), after the input in
 * the tab order. A grid keeps it beside the label: a long label wraps, never under the control.
 */
type FieldWithAsideProps = FieldProps & { labelAside?: React.ReactNode };

export const Field = forwardRef<HTMLInputElement, FieldWithAsideProps>(function Field({ label, error, hint, isOptional, id, labelAside, ...rest }, ref) {
  const auto = useId();
  const fieldId = id ?? auto;
  const t = useTranslations("common");
  const describedBy = [hint && `${fieldId}-hint`, error && `${fieldId}-err`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={labelAside ? "field has-aside" : "field"}>
      <label htmlFor={fieldId}>
        {label}
        {isOptional && <span className="muted"> ({t("optional")})</span>}
      </label>
      <input ref={ref} id={fieldId} aria-invalid={!!error} aria-describedby={describedBy} {...rest} />
      {labelAside && <div className="field-aside">{labelAside}</div>}
      {hint && !error && (
        <p id={`${fieldId}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${fieldId}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
});

type SelectProps = React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string };
export const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField({ label, error, id, children, ...rest }, ref) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <select ref={ref} id={fieldId} aria-invalid={!!error} aria-describedby={error ? `${fieldId}-err` : undefined} {...rest}>
        {children}
      </select>
      {error && (
        <p id={`${fieldId}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
});

export const PasswordField = forwardRef<HTMLInputElement, FieldProps>(function PasswordField(props, ref) {
  const [isShown, setShown] = useState(false);
  const t = useTranslations("auth");
  return (
    <div className="password-field">
      <Field
        ref={ref}
        {...props}
        type={isShown ? "text" : "password"}
        labelAside={
          <button type="button" className="link reveal" onClick={() => setShown((s) => !s)} aria-pressed={isShown}>
            {isShown ? t("hidePassword") : t("showPassword")}
          </button>
        }
      />
    </div>
  );
});

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

export function Button({
  isBusy,
  busyLabel,
  variant = "primary",
  children,
  className,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { isBusy?: boolean; busyLabel?: string; variant?: "primary" | "secondary" | "danger" | "ghost"; ref?: React.Ref<HTMLButtonElement> }) {
  return (
    <button className={`btn btn-${variant} ${className ?? ""}`} disabled={isBusy || rest.disabled} aria-busy={isBusy} {...rest}>
      {isBusy && <span className="spinner" aria-hidden="true" />}
      {isBusy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** A page's heading and, under it, what the page is for. */
export function PageHead({ title, lead }: { title: React.ReactNode; lead?: React.ReactNode }) {
  return (
    <header className="page-head">
      <h1>{title}</h1>
      {lead && <p className="muted">{lead}</p>}
    </header>
  );
}

export function Card({ title, children, actions, className }: { title?: React.ReactNode; children: React.ReactNode; actions?: React.ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ""}`}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2>{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}

export function Empty({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

export function Loading() {
  const t = useTranslations("common");
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t("loading")}
    </div>
  );
}

export function LoadError({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations("common");
  return (
    <div className="empty" role="alert">
      <p>{t("loadError")}</p>
      <Button variant="secondary" onClick={onRetry}>
        {t("retry")}
      </Button>
    </div>
  );
}

/**
 * A destructive button that asks once more before acting. Focus follows the question: into
 * its "Confirm" when it opens, back to the trigger when cancelled or confirmed. When the
 * trigger goes away with the action (the thing was removed or changed state), focus moves to
 * the closest container that is still there (`[data-focus-after]`, a list item, a section),
 * never to the page's start.
 */
export function ConfirmButton({ label, question, onConfirm, isBusy }: { label: string; question: string; onConfirm: () => void; isBusy?: boolean }) {
  const [isAsking, setAsking] = useState(false);
  const t = useTranslations("common");
  const triggerRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const ask = () => {
    flushSync(() => setAsking(true));
    confirmRef.current?.focus();
  };
  const close = () => {
    flushSync(() => setAsking(false));
    triggerRef.current?.focus();
  };

  // Removed while focus is inside: hand it to what remains around it (before the DOM goes).
  useLayoutEffect(() => {
    const root = rootRef.current;
    return () => {
      if (!root || !root.contains(document.activeElement)) return;
      const holder = root.parentElement?.closest<HTMLElement>("[data-focus-after], li, article, section, main");
      if (!holder) return;
      if (!holder.hasAttribute("tabindex")) holder.setAttribute("tabindex", "-1");
      holder.focus({ preventScroll: true });
    };
  }, []);

  return (
    <div ref={rootRef} className="confirm-wrap">
      {!isAsking ? (
        // aria-disabled rather than disabled while busy: a disabled button would drop the focus.
        <button
          ref={triggerRef}
          type="button"
          className="btn btn-ghost"
          aria-disabled={isBusy || undefined}
          aria-busy={isBusy}
          onClick={() => {
            if (!isBusy) ask();
          }}
        >
          {isBusy && <span className="spinner" aria-hidden="true" />}
          {label}
        </button>
      ) : (
        <div className="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === "Escape" && close()}>
          <p>{question}</p>
          <div className="row">
            <Button
              ref={confirmRef}
              variant="danger"
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {t("confirm")}
            </Button>
            <Button variant="secondary" onClick={close}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

/** Previous / "Page N of M" / Next, for a list that comes a page at a time (nothing when one page). */
/** A paged list: its loading, failed and empty states, then its items and the pager under them. */
export function PagedList<T extends { items: readonly unknown[]; page: number; pageCount: number }>({
  query,
  empty,
  onPage,
  children,
}: {
  query: { isPending: boolean; isError: boolean; data?: T; refetch: () => unknown };
  empty: string;
  onPage: (page: number) => void;
  children: (data: T) => React.ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError || !query.data) return <LoadError onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) {
    return (
      <Card>
        <Empty title={empty} />
      </Card>
    );
  }
  return (
    <>
      {children(query.data)}
      <Pager page={query.data.page} pageCount={query.data.pageCount} onPage={onPage} />
    </>
  );
}

export function Pager({ page, pageCount, onPage }: { page: number; pageCount: number; onPage: (page: number) => void }) {
  const t = useTranslations("common");
  if (pageCount <= 1) return null;
  const label = t("page", { page, count: pageCount });
  return (
    <nav className="row-between pager" aria-label={label}>
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("previous")}
      </Button>
      <span className="small muted">{label}</span>
      <Button variant="secondary" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        {t("next")}
      </Button>
    </nav>
  );
}
