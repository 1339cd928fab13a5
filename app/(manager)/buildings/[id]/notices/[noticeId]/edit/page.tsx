import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NoticeEditor } from "../../notice-form";
import { loadNotice } from "../../load";

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
