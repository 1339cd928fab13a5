"use client";
// An error while rendering a page outside the signed-in groups: branded, translated, with
// "Try again" and a way home. "/" leads a signed-in person on to their home, anyone else to
// the front page. (Inside the app, each group's error.tsx keeps the shell.)
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ErrorView } from "./_components/error-view";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const tc = useTranslations("common");
  return (
    <div className="auth-page">
      <header className="auth-top">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">Q</span> {tc("appName")}
        </Link>
      </header>
      <main className="auth-main">
        <ErrorView error={error} reset={reset} home="/" />
      </main>
    </div>
  );
}
