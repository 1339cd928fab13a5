import { useTranslations } from "next-intl";

/**
 * "Skip to content": the first thing Tab reaches on every page, hidden until focused; it moves
 * focus to the page's <main id="main" tabIndex={-1}> past the brand bar and the navigation.
 */
export function SkipLink() {
  const t = useTranslations("a11y");
  return (
    <a href="#main" className="skip-link">
      {t("skipToContent")}
    </a>
  );
}
