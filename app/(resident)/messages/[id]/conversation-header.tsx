"use client";
// The top of a conversation: back link, avatar, the shop's or person's name with its state
// (typing, open now, closed until …), the shop link and block/unblock; then the order it is
// about and the shop's "away" note.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { TConversation } from "~/server/chat/schema";
import { useToast } from "../../../_components/toast";
import { Button, ConfirmButton } from "../../../_components/ui";
import { useErrorMessage } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { initials } from "../inbox-view";

export function ConversationHeader({ c, name, isTyping }: { c: TConversation; name: string; isTyping: boolean }) {
  const t = useTranslations("chat");
  const format = useFormatter();
  return (
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
          {isTyping ? (
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
  );
}

/** The order the conversation is about, and the "away" note when the shop is closed. */
export function ConversationNotes({ c }: { c: TConversation }) {
  const t = useTranslations("chat");
  const ts = useTranslations("orderStatus");
  const tr = useTranslations("repairCategory");
  const trs = useTranslations("repairStatus");
  const format = useFormatter();
  const showAway = c.side === "resident" && !c.shop.isOpen && c.shop.hours.length > 0;
  return (
    <>
      {c.order && (
        <Link href={c.side === "resident" ? "/orders" : "/shop"} className="chat-context" data-testid="chat-order">
          {t("orderContext", { number: c.order.number, status: ts(c.order.status as "placed") })}
        </Link>
      )}
      {c.booking && !c.order && (
        <Link href={c.side === "resident" ? `/repairs/bookings/${c.booking.id}` : `/shop/repairs/${c.booking.id}`} className="chat-context" data-testid="chat-booking">
          {t("bookingContext", {
            category: tr(c.booking.category as "plumbing"),
            when: format.dateTime(c.booking.startsAt, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: c.shop.timeZone }),
            status: trs(c.booking.status as "requested"),
          })}
        </Link>
      )}
      {showAway && (
        <p className="notice chat-away small" role="status" data-testid="away-note">
          <span className="strong">{t("awayTitle", { shop: c.shop.name })}.</span>{" "}
          {c.shop.nextOpening ? t("awayBody", { when: format.dateTime(c.shop.nextOpening, { weekday: "long", hour: "2-digit", minute: "2-digit", timeZone: c.shop.timeZone }) }) : t("awayBodyNoHours")}
        </p>
      )}
    </>
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
