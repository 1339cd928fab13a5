import { NoticeView } from "../notice-view";
import { loadNotice } from "../load";

export default async function NoticePage({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const { id, noticeId } = await params;
  const notice = await loadNotice(id, noticeId);
  return <NoticeView buildingId={id} initial={notice} />;
}
