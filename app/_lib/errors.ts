"use client";
// Turns an API error into a translated sentence and, for forms, per-field messages.
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type ErrorData = { appCode?: string | null; params?: Record<string, string | number> | null; zodError?: { fieldErrors: Record<string, string[] | undefined> } | null };

export function errorData(error: unknown): ErrorData | null {
  return error instanceof TRPCClientError ? ((error.data ?? null) as ErrorData | null) : null;
}

export function useErrorMessage() {
  const t = useTranslations("errors");
  return useCallback(
    (error: unknown): string => {
      const data = errorData(error);
      const code = data?.appCode;
      if (code && t.has(code)) return t(code, data?.params ?? {});
      if (error instanceof TRPCClientError && !data) return t("NETWORK");
      return t("INTERNAL");
    },
    [t],
  );
}

/** Puts the server's per-field validation messages onto a react-hook-form form. */
export function useApplyFieldErrors() {
  const tv = useTranslations("validation");
  return useCallback(
    <T extends FieldValues>(error: unknown, setError: UseFormSetError<T>): boolean => {
      const fields = errorData(error)?.zodError?.fieldErrors;
      if (!fields) return false;
      let applied = false;
      for (const [name, messages] of Object.entries(fields)) {
        const key = messages?.[0];
        if (!key) continue;
        setError(name as Path<T>, { message: tv.has(key) ? tv(key) : key });
        applied = true;
      }
      return applied;
    },
    [tv],
  );
}

/** Translates a validation key (a zod message) for display; other text passes through. */
export function useValidationText() {
  const tv = useTranslations("validation");
  return useCallback((message?: string) => (message ? (tv.has(message) ? tv(message) : message) : undefined), [tv]);
}

/** The first per-field validation message of an API error, translated, if there is one. */
export function useFirstFieldError() {
  const text = useValidationText();
  return useCallback((error: unknown) => text(Object.values(errorData(error)?.zodError?.fieldErrors ?? {})[0]?.[0]), [text]);
}
