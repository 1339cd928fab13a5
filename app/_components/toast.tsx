"use client";
// Short confirmations and errors, announced to screen readers; optional action (undo).
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

type Toast = { id: number; text: string; tone: "ok" | "error" | "info"; action?: { label: string; run: () => void } };
type Api = { show: (text: string, opts?: { tone?: Toast["tone"]; action?: Toast["action"] }) => void };

const Ctx = createContext<Api>({ show: () => {} });
export const useToast = () => useContext(Ctx);

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback<Api["show"]>(
    (text, opts) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-2), { id, text, tone: opts?.tone ?? "ok", action: opts?.action }]);
      setTimeout(() => dismiss(id), opts?.action ? 8000 : 5000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  return (
    <Ctx.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`}>
            <span>{t.text}</span>
            {t.action && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  t.action!.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </button>
            )}
            <button type="button" className="toast-close" aria-label="×" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}
