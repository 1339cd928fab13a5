// A page that does not exist (or notFound() outside the app shell): branded, translated,
// with a way back; works signed in or out. Inside the app shell, each route group's own
// not-found.tsx shows the same view without this frame.
import { getTranslations } from "next-intl/server";
import { NotFoundView } from "./_components/not-found-view";
import { PublicHeader } from "./_components/public-header";
import { SkipLink } from "./_components/skip-link";
import { getSession } from "./_lib/server";

export async function generateMetadata() {
  const t = await getTranslations("errorPage");
  return { title: t("notFoundTitle") };
}

export default async function NotFound() {
  const isSignedIn = !!(await getSession());
  return (
    <div className="auth-page">
      <SkipLink />
      <PublicHeader isSignedIn={isSignedIn} />
      <main className="auth-main" id="main" tabIndex={-1}>
        <NotFoundView isSignedIn={isSignedIn} />
      </main>
    </div>
  );
}
