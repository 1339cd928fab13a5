"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { getSession, signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useToast } from "../../_components/toast";
import { Button, Card, Field, FormError, PasswordField } from "../../_components/ui";
import { ZEmail } from "~/server/accounts/schema";
import { withDestination } from "../../_lib/destination";
import { useValidationText } from "../../_lib/errors";

const ZForm = z.object({ email: ZEmail, password: z.string().min(1, { message: "required" }) });
type TForm = z.infer<typeof ZForm>;

/** Translates next-auth's error string ("CredentialsSignin", "RATE_LIMITED:30", "ACCOUNT_SUSPENDED"). */
export function useSignInError() {
  const t = useTranslations("auth");
  return (error: string) => {
    if (error === "ACCOUNT_SUSPENDED") return t("accountSuspended");
    const limited = /^RATE_LIMITED:(\d+)$/.exec(error);
    return limited ? t("rateLimited", { seconds: Number(limited[1]) }) : t("invalidCredentials");
  };
}

/** `destination`: where to go once signed in, already checked on the server (safeDestination). */
export function SignInForm({ destination, showDemo }: { destination: string; showDemo: boolean }) {
  const t = useTranslations("auth");
  const validationText = useValidationText();
  const router = useRouter();
  const toast = useToast();
  const toMessage = useSignInError();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<TForm>({ resolver: zodResolver(ZForm) });
  const err = (k: keyof TForm) => validationText(formState.errors[k]?.message);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await signIn("credentials", { ...values, redirect: false });
    if (!res || res.error) {
      setFormError(toMessage(res?.error ?? ""));
      return;
    }
    // This sign-in cancelled a deletion asked for in the last 7 days (server/privacy/deletion.ts): say so.
    const session = (await getSession()) as { deletionCancelledNow?: boolean } | null;
    if (session?.deletionCancelledNow) toast.show(t("deletionCancelled"), { tone: "info" });
    router.replace(destination);
    router.refresh();
  });

  return (
    <Card title={<span>{t("signInTitle")}</span>} className="auth-card">
      <p className="muted">{t("signInLead")}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field label={t("email")} type="email" autoComplete="email" inputMode="email" error={err("email")} {...register("email")} />
        <PasswordField label={t("password")} autoComplete="current-password" error={err("password")} {...register("password")} />
        <FormError message={formError} />
        <Button type="submit" isBusy={formState.isSubmitting} busyLabel={t("signingIn")} className="wide">
          {t("signIn")}
        </Button>
      </form>
      <p className="switch-auth">
        {t("noAccount")} <Link href={withDestination("/sign-up", destination)}>{t("signUpLink")}</Link>
      </p>
      {showDemo && <p className="hint demo-hint">{t("demoHint")}</p>}
    </Card>
  );
}
