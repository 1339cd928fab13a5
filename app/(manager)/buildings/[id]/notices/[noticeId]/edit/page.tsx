import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { readForTitle } from "../../../../../../_lib/titles";
import { NoticeEditor } from "../../notice-form";
import { loadNotice } from "../../load";

export async function generateMetadata({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const { noticeId } = await params;
  const [notice, t] = await Promise.all([readForTitle((api) => api.notices.manage.get({ id: noticeId })), getTranslations("noticesManage.form")]);
  return { title: notice ? `${t("editTitle")}: ${notice.title}` : t("editTitle") };
}

export default async function EditNoticePage({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const { id, noticeId } = await params;
  const notice = await loadNotice(id, noticeId);
  const t = await getTranslations("noticesManage.form");
  return (
    <div className="page notice-compose">
      <header className="page-head">
        <Link href={`/buildings/${id}/notices/${notice.id}`} className="back">
          ← {notice.title}
        </Link>
        <h1>{t("editTitle")}</h1>
      </header>
      <NoticeEditor buildingId={id} initial={notice} />
    </div>
  );
}
