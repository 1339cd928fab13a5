import { getTranslations } from "next-intl/server";
import { Hydrate, prefetch } from "../../../_lib/prefetch";
import { requireSession } from "../../../_lib/server";
import { noticeForTitle } from "../../../_lib/titles";
import { NoticeView } from "./notice-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const notice = await noticeForTitle(id);
  if (notice) return { title: notice.title };
  const t = await getTranslations("notices");
  return { title: t("title") };
}

export default async function NoticePage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  // Opening the page is what marks a notice seen (notices.get), here as in the browser.
  await prefetch((trpc) => [trpc.notices.get.queryOptions({ id })]);
  return (
    <Hydrate>
      <NoticeView id={id} />
    </Hydrate>
  );
}
