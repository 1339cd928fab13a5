import { getTranslations } from "next-intl/server";
import { requireSession } from "../../../_lib/server";
import { ShopReviewView } from "./shop-review-view";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("shopReview") };
}

export default async function ShopReviewPage() {
  await requireSession(["admin"]);
  return <ShopReviewView />;
}
