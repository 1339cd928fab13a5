"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { TRole } from "~/server/auth/roles";
import { LocaleSwitcher } from "../../_components/locale-switcher";
import { useToast } from "../../_components/toast";
import { Button, Card, FormError, PageHead, PasswordField } from "../../_components/ui";
import { useApplyFieldErrors, useErrorMessage, useValidationText } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { JoinForms, MyHomesCard } from "../home/join-forms";
import { useMembershipToasts } from "../home/membership-toasts";
import { lazyResolver } from "../../_lib/lazy-resolver";
import type { TPasswordForm } from "./password-form";
import { DataExportSection } from "./data-export-section";
import { DeleteAccountSection } from "./delete-account-section";

type TForm = TPasswordForm;
const resolver = lazyResolver(() => import("./password-form").then((m) => m.passwordResolver));

export function AccountView({ email, name, roles }: { email: string; name: string; roles: TRole[] }) {
  const t = useTranslations("account");
  const tn = useTranslations("nav");
  const th = useTranslations("home");
  useMembershipToasts();
  const validationText = useValidationText();
  const trpc = useTRPC();
  const hasHome = !!useQuery(trpc.buildings.listMemberships.queryOptions()).data?.some((m) => m.status === "active");
  const toast = useToast();
  const toMessage = useErrorMessage();
  const applyFieldErrors = useApplyFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset, setError } = useForm<TForm>({ resolver });
  const change = useMutation(trpc.accounts.changePassword.mutationOptions());
  const err = (k: keyof TForm) => validationText(formState.errors[k]?.message);
  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setFormError(null);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      reset();
      toast.show(t("passwordChanged"));
    } catch (e) {
      if (!applyFieldErrors(e, setError)) setFormError(toMessage(e));
    }
  });

  return (
    <div className="page">
      <PageHead title={t("title")} />
      <Card title={t("profile")}>
        <dl className="facts">
          <dt>{name}</dt>
          <dd>{email}</dd>
          <dt>{t("roles")}</dt>
          <dd>
            {roles.map((r) => (
              <span key={r} className="badge">
                {t(`role.${r}`)}
              </span>
            ))}
          </dd>
        </dl>
      </Card>
      <section id="homes" className="home-account" aria-label={th("myHomesTitle")}>
        <MyHomesCard title={th("myHomesTitle")} />
        <h2 className="home-section-title">{hasHome ? th("joinAnother") : th("joinAHome")}</h2>
        <JoinForms />
      </section>
      <Card title={t("languageTitle")}>
        <LocaleSwitcher isSignedIn />
      </Card>
      <Card title={t("passwordTitle")}>
        <form onSubmit={onSubmit} noValidate className="narrow">
          <PasswordField label={t("currentPassword")} autoComplete="current-password" error={err("currentPassword")} {...register("currentPassword")} />
          <PasswordField label={t("newPassword")} autoComplete="new-password" error={err("newPassword")} {...register("newPassword")} />
          <PasswordField label={t("confirmPassword")} autoComplete="new-password" error={err("confirm")} {...register("confirm")} />
          <FormError message={formError} />
          <Button type="submit" isBusy={formState.isSubmitting}>
            {t("changePassword")}
          </Button>
        </form>
      </Card>
      <DataExportSection />
      <Card title={t("signOutTitle")}>
        <p className="muted">{t("signOutLead")}</p>
        <Button variant="secondary" onClick={() => void signOutNow()}>
          {tn("signOut")}
        </Button>
      </Card>
      <DeleteAccountSection />
    </div>
  );
}

/** next-auth's client (14 KB) is loaded only to sign out. */
async function signOutNow() {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/sign-in" });
}
