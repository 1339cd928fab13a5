import { getTranslations } from "next-intl/server";
import { safeDestination } from "../../_lib/destination";
import { isDemoSeeded } from "../../_lib/demo";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const [{ callbackUrl }, showDemo] = await Promise.all([searchParams, isDemoSeeded()]);
  return <SignInForm destination={safeDestination(callbackUrl)} showDemo={showDemo} />;
}
