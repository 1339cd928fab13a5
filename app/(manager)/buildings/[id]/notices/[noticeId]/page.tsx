import { getTranslations } from "next-intl/server";
import { readForTitle } from "../../../../../_lib/titles";
import { NoticeView } from "../notice-view";
import { loadNotice } from "../load";

export async function generateMetadata({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const { noticeId } = await params;
  const [notice, t] = await Promise.all([readForTitle((api) => api.notices.manage.get({ id: noticeId })), getTranslations("nav")]);
  return { title: notice ? notice.title : t("buildings") };
}

export default async function NoticePage({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const { id, noticeId } = await params;
  const notice = await loadNotice(id, noticeId);
  return <NoticeView buildingId={id} initial={notice} />;
}
