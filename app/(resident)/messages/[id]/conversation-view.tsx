"use client";
// One conversation: live messages with sent/delivered/read ticks, typing, history when
// scrolling up, photos, the shop's hours and an "away" note, block and report.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { MAX_MESSAGE_LENGTH, type TChatMessage, type TConversation } from "~/server/chat/schema";
import { MessageText } from "../../../_components/chat/message-text";
import { useRealtime } from "../../../_components/realtime";
import { useToast } from "../../../_components/toast";
import { Button, ConfirmButton, LoadError, Loading } from "../../../_components/ui";
import type { TOutboxItem } from "../../../_lib/chat/session";
import { useChat } from "../../../_lib/chat/use-chat";
import { useErrorMessage } from "../../../_lib/errors";
import { uploadPhoto } from "../../../_lib/upload-photo";
import { useTRPC } from "../../../_lib/trpc";
import { initials } from "../inbox-view";

export function ConversationView({ id }: { id: string }) {
  const trpc = useTRPC();
  const conversation = useQuery(trpc.chat.get.queryOptions({ id }));
  if (conversation.isPending) return <Loading />;
  if (conversation.isError) return <LoadError onRetry={() => void conversation.refetch()} />;
  return <Conversation c={conversation.data} />;
}

function Conversation({ c }: { c: TConversation }) {
  const t = useTranslations("chat");
  const ts = useTranslations("orderStatus");
  const format = useFormatter();
  const { isConnected } = useRealtime();
  const chat = useChat(c.id, c.side, c.other);
  const name = c.side === "resident" ? c.shop.name : c.residentName;
  const listRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const isNearBottom = useRef(true);
  const lastRead = useRef(0);

  // ─── Scrolling: stay at the bottom as messages come, keep the place when older load.
  const prevHeight = useRef(0);
  const prevFirst = useRef<number | null>(null);
  const count = chat.messages.length + chat.outbox.length;
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const first = chat.messages[0]?.seq ?? null;
    if (prevFirst.current !== null && first !== null && first < prevFirst.current) {
      el.scrollTop += el.scrollHeight - prevHeight.current; // older ones were added above
    } else if (isNearBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    prevFirst.current = first;
    prevHeight.current = el.scrollHeight;
  }, [count, chat.messages, chat.isTyping]);

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    isNearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    prevHeight.current = el.scrollHeight;
    markRead();
  };

  // Older pages load when the top comes into view.
  const { hasOlder, loadOlder } = chat;
  useEffect(() => {
    const el = topRef.current;
    if (!el || !hasOlder) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadOlder(), { root: listRef.current, rootMargin: "200px 0px 0px 0px" });
    io.observe(el);
    return () => io.disconnect();
  }, [hasOlder, loadOlder]);

  // ─── Read: what is on screen while the page is visible.
  const markRead = () => {
    const s = chat.session;
    if (!s || document.visibilityState !== "visible" || !isNearBottom.current) return;
    if (s.syncedTo > lastRead.current) {
      lastRead.current = s.syncedTo;
      s.markRead(s.syncedTo);
    }
  };
  useEffect(markRead);
  useEffect(() => {
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  });

  const blocked = c.blockedByMe ? t("blockedByMe") : c.blockedByOther ? t("blockedByOther") : null;
  const showAway = c.side === "resident" && !c.shop.isOpen && c.shop.hours.length > 0;
  const days = groupByDay(chat.messages);

  return (
    <div className="page chat-page">
      <header className="chat-head">
        <Link href={`/messages?as=${c.side}`} className="chat-back" aria-label={t("back")}>
          ‹
        </Link>
        {c.side === "resident" && c.shop.photoUrl ? (
          <img src={c.shop.photoUrl} alt="" className="avatar" />
        ) : (
          <span className="avatar avatar-initials" aria-hidden="true">
            {initials(name)}
          </span>
        )}
        <div className="chat-title">
          <h1>{name}</h1>
          <p className="small" aria-live="polite" data-testid="chat-status">
            {chat.isTyping ? (
              <span className="typing" data-testid="typing">
                {t("typing")}
              </span>
            ) : c.side === "merchant" ? (
              <span className="muted">{t("customer")}</span>
            ) : c.shop.isOpen ? (
              <span className="text-ok">{t("openNow")}</span>
            ) : c.shop.nextOpening ? (
              <span className="muted">{t("closedOpens", { when: format.dateTime(c.shop.nextOpening, { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: c.shop.timeZone }) })}</span>
            ) : (
              <span className="muted">{t("closed")}</span>
            )}
          </p>
        </div>
        <ChatMenu c={c} name={name} />
      </header>

      {c.order && (
        <Link href={c.side === "resident" ? "/orders" : "/shop"} className="chat-context" data-testid="chat-order">
          {t("orderContext", { number: c.order.number, status: ts(c.order.status as "placed") })}
        </Link>
      )}
      {showAway && (
        <p className="notice chat-away small" role="status" data-testid="away-note">
          <span className="strong">{t("awayTitle", { shop: c.shop.name })}.</span>{" "}
          {c.shop.nextOpening ? t("awayBody", { when: format.dateTime(c.shop.nextOpening, { weekday: "long", hour: "2-digit", minute: "2-digit", timeZone: c.shop.timeZone }) }) : t("awayBodyNoHours")}
        </p>
      )}

      <div className="chat-scroll" ref={listRef} onScroll={onScroll} data-testid="messages">
        <div ref={topRef} className="chat-top">
          {chat.isLoading ? (
            <Loading />
          ) : chat.isError ? (
            <LoadError onRetry={chat.retryLoad} />
          ) : chat.hasOlder ? (
            <p className="muted small">{t("loadingOlder")}</p>
          ) : (
            <p className="muted small">{t("beginning", { name })}</p>
          )}
        </div>
        {days.map(([day, messages]) => (
          <section key={day} aria-label={dayLabel(day, t, format)}>
            <p className="chat-day">
              <span>{dayLabel(day, t, format)}</span>
            </p>
            <ol className="bubbles">
              {messages.map((m) => (
                <Bubble key={m.seq} m={m} isMine={m.side === c.side} other={chat.other} canReport={m.side !== c.side} />
              ))}
            </ol>
          </section>
        ))}
        {chat.outbox.length > 0 && (
          <ol className="bubbles" data-testid="outbox">
            {chat.outbox.map((item) => (
              <PendingBubble key={item.clientId} item={item} onRetry={() => chat.session?.retry(item.clientId)} onDiscard={() => chat.session?.discard(item.clientId)} />
            ))}
          </ol>
        )}
        {chat.isTyping && (
          <p className="bubble-typing" aria-hidden="true">
            <span />
            <span />
            <span />
          </p>
        )}
      </div>

      {!isConnected && <p className="chat-offline small" role="status">{t("offline")}</p>}
      {blocked ? (
        <p className="notice chat-blocked" role="status" data-testid="blocked-note">
          {blocked}
        </p>
      ) : (
        <Composer c={c} onSend={(input) => chat.session?.send(input)} onTyping={chat.notifyTyping} isReady={!!chat.session} />
      )}
    </div>
  );
}

// ─── Messages ──────────────────────────────────────────────────────────────

function Bubble({ m, isMine, other, canReport }: { m: TChatMessage; isMine: boolean; other: { deliveredSeq: number; readSeq: number }; canReport: boolean }) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const [isReporting, setReporting] = useState(false);
  const state = m.seq <= other.readSeq ? "read" : m.seq <= other.deliveredSeq ? "delivered" : "sent";
  return (
    <li className={`bubble-row ${isMine ? "is-mine" : "is-theirs"}`} data-testid="message" data-seq={m.seq} data-mine={isMine}>
      <div className="bubble">
        {m.order && <p className="bubble-order small">{t("aboutOrder", { number: m.order.number })}</p>}
        {m.photo && (
          <a href={m.photo.url} target="_blank" rel="noopener noreferrer">
            <img src={m.photo.url} alt={t("photoAlt")} width={m.photo.width} height={m.photo.height} className="bubble-photo" loading="lazy" />
          </a>
        )}
        {m.body && (
          <p className="bubble-text" data-testid="message-text">
            <MessageText text={m.body} />
          </p>
        )}
        <p className="bubble-meta">
          <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), { hour: "2-digit", minute: "2-digit" })}</time>
          {isMine && (
            <span className={`tick tick-${state}`} data-testid="tick" data-state={state}>
              {state === "read" ? "✓✓ " + t("read") : state === "delivered" ? "✓✓ " + t("delivered") : "✓ " + t("sent")}
            </span>
          )}
          {canReport && !isReporting && (
            <button type="button" className="link-button bubble-report" onClick={() => setReporting(true)}>
              {t("report")}
            </button>
          )}
        </p>
      </div>
      {isReporting && <ReportForm messageId={m.id} onDone={() => setReporting(false)} />}
    </li>
  );
}

function PendingBubble({ item, onRetry, onDiscard }: { item: TOutboxItem; onRetry: () => void; onDiscard: () => void }) {
  const t = useTranslations("chat");
  const te = useTranslations("errors");
  const code = item.error?.code;
  const error = !item.error
    ? null
    : code === "RATE_LIMITED"
      ? t("rateLimited", { seconds: Number(item.error.params?.seconds ?? 10) })
      : code && te.has(code)
        ? te(code, item.error.params ?? {})
        : te("INTERNAL");
  return (
    <li className={`bubble-row is-mine is-pending ${item.status === "failed" ? "is-failed" : ""}`} data-testid="pending-message">
      <div className="bubble">
        {item.photoId && <p className="small muted">{t("photo")}</p>}
        {item.body && (
          <p className="bubble-text">
            <MessageText text={item.body} />
          </p>
        )}
        <p className="bubble-meta">
          <span className="tick" data-testid="tick" data-state={item.status}>
            {item.status === "failed" ? t("notSent") : `◷ ${t("sending")}`}
          </span>
        </p>
      </div>
      {error && (
        <div className="bubble-error" role="alert">
          <span>{error}</span>
          <button type="button" className="link-button" onClick={onRetry}>
            {t("retry")}
          </button>
          <button type="button" className="link-button" onClick={onDiscard}>
            {t("discard")}
          </button>
        </div>
      )}
    </li>
  );
}

function ReportForm({ messageId, onDone }: { messageId: string; onDone: () => void }) {
  const t = useTranslations("chat");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const [reason, setReason] = useState<"spam" | "abuse" | "scam" | "other">("spam");
  const [note, setNote] = useState("");
  const report = useMutation(
    trpc.chat.report.mutationOptions({
      onSuccess: () => {
        toast.show(t("reported"));
        onDone();
      },
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
    }),
  );
  return (
    <form
      className="report-form card"
      onSubmit={(e) => {
        e.preventDefault();
        report.mutate({ messageId, reason, note });
      }}
      aria-label={t("reportTitle")}
    >
      <p className="strong">{t("reportTitle")}</p>
      <div className="field">
        <label htmlFor={`reason-${messageId}`}>{t("reason")}</label>
        <select id={`reason-${messageId}`} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
          {(["spam", "abuse", "scam", "other"] as const).map((r) => (
            <option key={r} value={r}>
              {t(`reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`note-${messageId}`}>{t("reportNote")}</label>
        <input id={`note-${messageId}`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="row">
        <Button type="submit" isBusy={report.isPending}>
          {t("reportSend")}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

// ─── Writing ───────────────────────────────────────────────────────────────

function Composer({
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

function ChatMenu({ c, name }: { c: TConversation; name: string }) {
  const t = useTranslations("chat");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const setBlocked = useMutation(
    trpc.chat.setBlocked.mutationOptions({
      onSuccess: (r) => toast.show(r.blocked ? t("blockedToast") : t("unblockedToast")),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.chat.get.queryKey({ id: c.id }) }),
    }),
  );
  return (
    <div className="chat-actions">
      {c.side === "resident" && (
        <Link href={`/shops/${c.shop.id}`} className="btn btn-ghost btn-small">
          {t("viewShop")}
        </Link>
      )}
      {c.blockedByMe ? (
        <Button variant="ghost" className="btn-small" onClick={() => setBlocked.mutate({ conversationId: c.id, blocked: false })} isBusy={setBlocked.isPending}>
          {t("unblock")}
        </Button>
      ) : (
        <ConfirmButton label={t("block")} question={t("blockQuestion", { name })} onConfirm={() => setBlocked.mutate({ conversationId: c.id, blocked: true })} isBusy={setBlocked.isPending} />
      )}
    </div>
  );
}

// ─── Days ──────────────────────────────────────────────────────────────────

function groupByDay(messages: TChatMessage[]): [string, TChatMessage[]][] {
  const days = new Map<string, TChatMessage[]>();
  for (const m of messages) {
    const d = new Date(m.createdAt);
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const list = days.get(key);
    if (list) list.push(m);
    else days.set(key, [m]);
  }
  return [...days.entries()];
}

function dayLabel(day: string, t: ReturnType<typeof useTranslations<"chat">>, format: ReturnType<typeof useFormatter>) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const diff = Math.round((today.getTime() - date.getTime()) / 86_400_000);
  if (diff === 0) return t("today");
  if (diff === 1) return t("yesterday");
  return format.dateTime(date, { weekday: "long", day: "numeric", month: "long" });
}
