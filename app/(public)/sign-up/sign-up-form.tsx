"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ZSignUpInput } from "~/server/accounts/schema";
import { Button, Card, Field, FormError, PasswordField } from "../../_components/ui";
import { withDestination } from "../../_lib/destination";
import { useApplyFieldErrors, useErrorMessage, useValidationText } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { useSignInError } from "../sign-in/sign-in-form";

type TForm = z.input<typeof ZSignUpInput>;

/** `destination`: where to go once signed up and in, already checked on the server (safeDestination). */
export function SignUpForm({ destination }: { destination: string }) {
  const t = useTranslations("auth");
  const validationText = useValidationText();
  const locale = useLocale() as "fr" | "en";
  const router = useRouter();
  const trpc = useTRPC();
  const toMessage = useErrorMessage();
  const applyFieldErrors = useApplyFieldErrors();
  const signInError = useSignInError();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<TForm>({ resolver: zodResolver(ZSignUpInput), defaultValues: { locale } });
  const signUp = useMutation(trpc.accounts.signUp.mutationOptions());
  const err = (k: keyof TForm) => validationText(formState.errors[k]?.message);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await signUp.mutateAsync({ ...values, locale });
    } catch (e) {
      if (!applyFieldErrors(e, setError)) setFormError(toMessage(e));
      return;
    }
    const res = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    if (!res || res.error) {
      setFormError(res?.error?.startsWith("RATE_LIMITED") ? signInError(res.error) : t("signUpThenSignInFailed"));
      return;
    }
    router.replace(destination);
    router.refresh();
  });

  return (
    <Card title={t("signUpTitle")} className="auth-card">
      <p className="muted">{t("signUpLead")}</p>
      <form onSubmit={onSubmit} noValidate>
        <Field label={t("name")} autoComplete="name" hint={t("nameHint")} error={err("name")} {...register("name")} />
        <Field label={t("email")} type="email" autoComplete="email" inputMode="email" error={err("email")} {...register("email")} />
        <PasswordField label={t("password")} autoComplete="new-password" hint={t("passwordHint")} error={err("password")} {...register("password")} />
        <FormError message={formError} />
        <Button type="submit" isBusy={formState.isSubmitting} busyLabel={t("creating")} className="wide">
          {t("createAccount")}
        </Button>
      </form>
      <p className="switch-auth">
        {t("haveAccount")} <Link href={withDestination("/sign-in", destination)}>{t("signInLink")}</Link>
      </p>
    </Card>
  );
}
