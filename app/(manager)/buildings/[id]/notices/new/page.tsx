import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NoticeForm } from "../notice-form";
import { readForTitle } from "../../../../../_lib/titles";
import { loadBuilding } from "../load";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [building, t] = await Promise.all([readForTitle((api) => api.buildings.manage.get({ id })), getTranslations("noticesManage.form")]);
  return { title: building ? `${t("newTitle")} · ${building.name}` : t("newTitle") };
}

export default async function NewNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const building = await loadBuilding(id);
  const t = await getTranslations("noticesManage.form");
  return (
    <div className="page notice-compose">
      <header className="page-head">
        <Link href={`/buildings/${building.id}?tab=notices`} className="back">
          ← {t("back")}
        </Link>
        <h1>{t("newTitle")}</h1>
        <p className="muted">{building.name}</p>
      </header>
      <NoticeForm buildingId={building.id} />
    </div>
  );
}
