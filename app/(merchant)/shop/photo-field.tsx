"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

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
    if (!["image/jpeg", "image/png", "image/webp"].includes(file.type)) return setError(t("type"));
    if (file.size > 5 * 1024 * 1024) return setError(t("size"));
    setBusy(true);
    try {
      const res = await fetch("/api/uploads/photo", { method: "POST", body: file, headers: { "content-type": file.type } });
      const body = (await res.json().catch(() => ({}))) as { id?: string; url?: string; error?: string; seconds?: number };
      if (!res.ok || !body.id || !body.url) {
        setError(
          body.error === "PHOTO_TOO_LARGE"
            ? t("size")
            : body.error === "PHOTO_INVALID"
              ? t("type")
              : body.error === "RATE_LIMITED"
                ? t("rateLimited", { seconds: body.seconds ?? 60 })
                : t("failed"),
        );
        return;
      }
      setPreview(body.url);
      onUploaded({ id: body.id, url: body.url });
    } catch {
      setError(t("failed"));
    } finally {
      setBusy(false);
    }
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
