import { getTranslations } from "next-intl/server";
import { safeDestination } from "../../_lib/destination";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  return <SignUpForm destination={safeDestination(callbackUrl)} />;
}
