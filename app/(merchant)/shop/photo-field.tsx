"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { uploadPhoto } from "../../_lib/upload-photo";

/** Uploads an image to /api/uploads/photo and reports its id; shows the current one. */
export function PhotoField({ label, url, onUploaded }: { label: string; url: string | null; onUploaded: (p: { id: string; url: string }) => void }) {
  const t = useTranslations("photo");
  const id = useId();
  const [preview, setPreview] = useState<string | null>(url);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const pick = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setError(null);
    setBusy(true);
    const res = await uploadPhoto(file);
    setBusy(false);
    if (!res.ok) return setError(res.reason === "rateLimited" ? t("rateLimited", { seconds: res.seconds ?? 60 }) : t(res.reason));
    setPreview(res.url);
    onUploaded({ id: res.id, url: res.url });
  };

  return (
    <div className="field photo-field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        {preview ? <img src={preview} alt="" className="photo-thumb" /> : <div className="photo-thumb placeholder" aria-hidden="true" />}
        <input id={id} type="file" accept="image/jpeg,image/png,image/webp" onChange={pick} disabled={isBusy} aria-describedby={`${id}-hint`} />
      </div>
      <p id={`${id}-hint`} className="hint">
        {isBusy ? t("uploading") : t("hint")}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
