"use client";
// Opens (or finds) a conversation and goes to it: a resident with a shop (optionally about
// one of their orders), or a merchant with the customer of an order.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useErrorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { useToast } from "../toast";
import { Button } from "../ui";

type Props = { variant?: "primary" | "secondary" | "ghost"; className?: string } & (
  | { as: "resident"; shopId: string; orderId?: string; bookingId?: string }
  | { as: "merchant"; orderId: string; bookingId?: undefined }
  | { as: "merchant"; bookingId: string; orderId?: undefined }
);

export function StartChatButton(props: Props) {
  const t = useTranslations("chat");
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const onError = (e: unknown) => toast.show(toMessage(e), { tone: "error" });
  const go = (id: string) => router.push(`/messages/${id}${props.orderId ? `?order=${props.orderId}` : ""}`);
  const isRepair = !!props.bookingId;
  const asResident = useMutation(trpc.chat.start.mutationOptions({ onSuccess: (r) => go(r.id), onError }));
  const asMerchant = useMutation(trpc.chat.manage.start.mutationOptions({ onSuccess: (r) => go(r.id), onError }));
  const isBusy = asResident.isPending || asMerchant.isPending;
  return (
    <Button
      variant={props.variant ?? "secondary"}
      className={props.className}
      isBusy={isBusy}
      onClick={() =>
        props.as === "resident"
          ? asResident.mutate({ shopId: props.shopId, orderId: props.orderId ?? null, bookingId: props.bookingId ?? null })
          : asMerchant.mutate(props.bookingId ? { bookingId: props.bookingId } : { orderId: props.orderId! })
      }
    >
      {props.as === "resident" ? (isRepair ? t("messageRepairer") : t("messageShop")) : t("messageCustomer")}
    </Button>
  );
}
