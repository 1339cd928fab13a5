import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "../../_components/ui";

// Where a person lands after asking to delete their account (server/privacy/deletion.ts):
// signed out everywhere, told the day it will be erased and that signing in before cancels it.
// The day comes in the address (`?on=YYYY-MM-DD`, from the request's answer): the person has no
// session any more to read it with.

export async function generateMetadata() {
  const t = await getTranslations("deletionScheduled");
  return { title: t("title") };
}

const ZDAY = /^\d{4}-\d{2}-\d{2}$/;

export default async function AccountDeletedPage({ searchParams }: { searchParams: Promise<{ on?: string | string[] }> }) {
  const [{ on }, t, format] = await Promise.all([searchParams, getTranslations("deletionScheduled"), getFormatter()]);
  const day = typeof on === "string" && ZDAY.test(on) && !Number.isNaN(Date.parse(`${on}T00:00:00Z`)) ? new Date(`${on}T12:00:00Z`) : null;
  return (
    <Card title={<span>{t("title")}</span>} className="auth-card deletion-scheduled">
      <p data-testid="erase-on">{day ? t("eraseOn", { date: format.dateTime(day, { dateStyle: "full", timeZone: "UTC" }) }) : t("eraseSoon")}</p>
      <p>{t("signInCancels")}</p>
      <p className="muted">{t("signedOut")}</p>
      <p className="deletion-scheduled-actions">
        <Link href="/sign-in" className="btn btn-primary">
          {t("signInToCancel")}
        </Link>
        <Link href="/">{t("home")}</Link>
      </p>
    </Card>
  );
}
