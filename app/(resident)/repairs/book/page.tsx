import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { BookView } from "./book-view";

export async function generateMetadata() {
  const t = await getTranslations("repairs");
  return { title: t("bookTitle") };
}

export default async function BookPage() {
  await requireSession();
  return <BookView />;
}
