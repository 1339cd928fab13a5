"use client";
// A notice as an A4 sheet for the lobby (issue 14): large title, category, window, the same
// sanitised body, the buildings, the date, and a QR code to the notice. The app's frame, the
// banner and the Print button are left out on paper (print CSS).
import Link from "next/link";
import { useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import type { TNotice } from "~/server/notices/schema";
import { CategoryLabel, NoticeBody, useNoticeDates, useTargetLines, WindowText } from "../../../../_components/notices/notice-parts";
import { Button } from "../../../../_components/ui";
import { NoticeLoaded, useNotice } from "../notice-view";

export function PrintView({ id }: { id: string }) {
  const t = useTranslations("notices");
  const notice = useNotice(id);
  return (
    <div className="page">
      <div className="notice-print-tools">
        <Link href={`/notices/${id}`} className="back">
          ← {t("backToList")}
        </Link>
        <Button onClick={() => window.print()} disabled={!notice.isSuccess} data-testid="print">
          {t("printNow")}
        </Button>
      </div>
      <NoticeLoaded notice={notice}>{(n) => <Sheet notice={n} />}</NoticeLoaded>
    </div>
  );
}

function Sheet({ notice: n }: { notice: TNotice }) {
  const t = useTranslations("notices");
  const tc = useTranslations("common");
  const dates = useNoticeDates();
  const lines = useTargetLines()(n.targets);
  const [qr, setQr] = useState<{ url: string; image: string } | null>(null);
  useEffect(() => {
    const url = `${window.location.origin}/notices/${n.id}`;
    let isCurrent = true;
    void QRCode.toDataURL(url, { width: 280, margin: 1, errorCorrectionLevel: "M" }).then((image) => {
      if (isCurrent) setQr({ url, image });
    });
    return () => {
      isCurrent = false;
    };
  }, [n.id]);
  return (
    <article className={`notice-print cat-${n.category}`} data-testid="notice-print">
      <div className="notice-print-head">
        <span className="notice-print-brand">{tc("appName")}</span>
        <span className="row">
          <CategoryLabel category={n.category} />
          {n.urgency === "urgent" && <span className="badge badge-urgent">{t("urgent")}</span>}
        </span>
      </div>
      <h1>{n.title}</h1>
      {n.startsAt && (
        <p className="notice-print-window" data-testid="notice-window">
          <WindowText category={n.category} startsAt={n.startsAt} endsAt={n.endsAt} />
        </p>
      )}
      <NoticeBody html={n.bodyHtml} />
      <footer className="notice-print-foot">
        <dl>
          <dt>{t("printFor")}</dt>
          <dd>
            {lines.map((l) => (
              <span key={l} className="block">
                {l}
              </span>
            ))}
          </dd>
          <dt>{t("printPosted")}</dt>
          <dd>{dates.day(n.publishAt)}</dd>
          {n.editedAt && (
            <>
              <dt>{t("printEdited")}</dt>
              <dd>{dates.day(n.editedAt)}</dd>
            </>
          )}
        </dl>
        {qr && (
          <div className="notice-qr">
            <img src={qr.image} alt={qr.url} data-testid="notice-qr" data-url={qr.url} />
            {t("printScan")}
          </div>
        )}
      </footer>
    </article>
  );
}
