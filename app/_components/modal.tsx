"use client";
// A modal dialog on the native <dialog> element opened with showModal(): the browser traps
// focus inside, makes the rest of the page inert and closes it on Escape. Labelled by its
// heading; focus starts on `initialFocus` (else the heading) and goes back, on close, to the
// element that had it when the dialog opened, or to `returnFocus` when that is given.
// A bottom sheet on phones, a centred box from 760 px.
import { useEffect, useId, useRef } from "react";

type ModalProps = {
  isOpen: boolean;
  /** Escape, the close button or the backdrop: the parent decides (e.g. not while paying). */
  onClose: () => void;
  title: React.ReactNode;
  children: React.ReactNode;
  /** Where focus starts; the heading when not given. */
  initialFocus?: React.RefObject<HTMLElement | null>;
  /** Where focus goes on close, when it should not go back to the opener (it is gone). Read at close time. */
  returnFocus?: () => HTMLElement | null | undefined;
  /** Refuse Escape and backdrop clicks (something is under way). */
  isLocked?: boolean;
  className?: string;
  "data-testid"?: string;
};

export function Modal({ isOpen, onClose, title, children, initialFocus, returnFocus, isLocked, className, ...rest }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const opener = useRef<HTMLElement | null>(null);
  // The latest callbacks, read by the effect's cleanup without reopening the dialog.
  const latest = useRef({ onClose, returnFocus, isLocked });
  latest.current = { onClose, returnFocus, isLocked };

  useEffect(() => {
    const dialog = ref.current;
    if (!isOpen || !dialog) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    // A disabled or missing first action cannot take focus: the heading does.
    if (!initialFocus?.current || document.activeElement !== initialFocus.current) headingRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const target = latest.current.returnFocus?.() ?? opener.current;
      // After React has drawn what follows the dialog (the opener may move or come back).
      requestAnimationFrame(() => {
        if (target?.isConnected) target.focus();
      });
    };
    // initialFocus is a ref: its identity does not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isOpen]);

  if (!isOpen) return null;
  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ""}`}
      aria-labelledby={titleId}
      data-testid={rest["data-testid"]}
      onCancel={(e) => {
        // Escape: the browser would close the dialog behind React's back.
        e.preventDefault();
        if (!latest.current.isLocked) latest.current.onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === ref.current && !latest.current.isLocked) latest.current.onClose();
      }}
    >
      <div className="modal-body">
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
