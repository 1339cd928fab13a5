// The top bar of pages shown outside the app shell (landing, sign-in, sign-up, 404): the
// brand, linking to the front page, and the language switch.
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LocaleSwitcher } from "./locale-switcher";

export async function PublicHeader({ isSignedIn = false }: { isSignedIn?: boolean }) {
  const t = await getTranslations("common");
  return (
    <header className="auth-top">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">Q</span> {t("appName")}
      </Link>
      <LocaleSwitcher isSignedIn={isSignedIn} />
    </header>
  );
}
