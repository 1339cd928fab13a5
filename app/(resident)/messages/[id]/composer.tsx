"use client";
// Writing in a conversation: the text (Enter sends, Shift+Enter a new line), a character
// count near the limit, a photo to attach (uploaded first), and the order it is about when
// the conversation was opened from one (sent with the first message only).
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { MAX_MESSAGE_LENGTH, type TConversation } from "~/server/chat/schema";
import { Button } from "../../../_components/ui";
import { uploadPhoto } from "../../../_lib/upload-photo";

export function Composer({
  c,
  onSend,
  onTyping,
  isReady,
}: {
  c: TConversation;
  onSend: (input: { body: string; photoId?: string | null; orderId?: string | null }) => void;
  onTyping: () => void;
  isReady: boolean;
}) {
  const t = useTranslations("chat");
  const tp = useTranslations("photo");
  const orderParam = useSearchParams().get("order");
  const router = useRouter();
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState<{ id: string; url: string } | null>(null);
  const [isUploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [orderId, setOrderId] = useState<string | null>(orderParam && c.order?.id === orderParam ? orderParam : null);
  const fileRef = useRef<HTMLInputElement>(null);
  const left = MAX_MESSAGE_LENGTH - text.length;
  const canSend = isReady && !isUploading && (text.trim().length > 0 || !!photo) && left >= 0;

  const send = () => {
    if (!canSend) return;
    onSend({ body: text.trim(), photoId: photo?.id ?? null, orderId });
    // The order goes with the first message only, also after a reload.
    if (orderParam) router.replace(`/messages/${c.id}`, { scroll: false });
    setText("");
    setPhoto(null);
    setOrderId(null);
    setError(null);
  };

  const pick = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setError(null);
    setUploading(true);
    const res = await uploadPhoto(file);
    setUploading(false);
    if (!res.ok) return setError(res.reason === "rateLimited" ? tp("rateLimited", { seconds: res.seconds ?? 60 }) : tp(res.reason));
    setPhoto({ id: res.id, url: res.url });
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {(orderId || photo || isUploading || error || left < 200) && (
        <div className="composer-extras">
          {orderId && c.order && (
            <span className="chip">
              {t("aboutOrder", { number: c.order.number })}
              <button type="button" className="chip-x" aria-label={t("removeOrder")} onClick={() => setOrderId(null)}>
                ×
              </button>
            </span>
          )}
          {photo && (
            <span className="composer-photo">
              <img src={photo.url} alt="" />
              <button type="button" className="chip-x" aria-label={t("removePhoto")} onClick={() => setPhoto(null)}>
                ×
              </button>
            </span>
          )}
          {isUploading && <span className="small muted">{t("uploading")}</span>}
          {left < 200 && <span className={`small ${left < 0 ? "text-danger" : "muted"}`}>{left < 0 ? t("tooLong") : t("charsLeft", { count: left })}</span>}
          {error && (
            <span className="small text-danger" role="alert">
              {error}
            </span>
          )}
        </div>
      )}
      <div className="composer-row">
        <button type="button" className="icon-button" aria-label={t("attach")} title={t("attach")} onClick={() => fileRef.current?.click()} disabled={isUploading}>
          <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M4 7h3l2-2h6l2 2h3v12H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" />
          </svg>
        </button>
        <input ref={fileRef} type="file" accept="image/jpeg,image/png,image/webp" onChange={pick} hidden data-testid="chat-photo-input" />
        <label htmlFor="chat-input" className="sr-only">
          {t("placeholder")}
        </label>
        <textarea
          id="chat-input"
          rows={1}
          value={text}
          placeholder={t("placeholder")}
          aria-invalid={left < 0}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) onTyping();
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        <Button type="submit" disabled={!canSend} aria-label={t("send")}>
          {t("send")}
        </Button>
      </div>
    </form>
  );
}
