"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import QRCode from "qrcode";
import { useEffect, useRef, useState } from "react";
import { Button, Card, Field, FormError } from "../../_components/ui";
import { useErrorMessage } from "../../_lib/errors";
import { parseMoney, useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import type { TMyShop } from "./merchant-view";
import { useDisplayName } from "../../_lib/display-name";

export function QrTab({ shop }: { shop: TMyShop }) {
  const t = useTranslations("qr");
  const nameOf = useDisplayName();
  const trpc = useTRPC();
  const money = useMoney();
  const format = useFormatter();
  const now = useNow({ updateInterval: 1000 });
  const toMessage = useErrorMessage();
  const [amount, setAmount] = useState("");
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [qrId, setQrId] = useState<string | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const shown = useRef<HTMLDivElement>(null);
  const create = useMutation(trpc.qr.manage.create.mutationOptions());
  const status = useQuery({ ...trpc.qr.manage.get.queryOptions({ id: qrId ?? "" }), enabled: !!qrId });
  const link = status.data ? `${typeof window === "undefined" ? "" : window.location.origin}${status.data.path}` : "";
  useEffect(() => {
    if (!link) return setImage(null);
    void QRCode.toDataURL(link, { width: 320, margin: 1, errorCorrectionLevel: "M" }).then((url) => {
      setImage(url);
      // On a phone the code is below the form: bring it into view to show the customer.
      requestAnimationFrame(() => shown.current?.scrollIntoView({ behavior: "smooth", block: "center" }));
    });
  }, [link]);

  if (shop.status !== "approved") return <Card><p className="muted">{t("afterApproval")}</p></Card>;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const cents = parseMoney(amount);
    if (cents === null || cents < 1) return setError(t("amountInvalid"));
    try {
      const qr = await create.mutateAsync({ shopId: shop.id, amount: cents, label });
      setQrId(qr.id);
    } catch (err) {
      setError(toMessage(err));
    }
  };

  const s = status.data;
  const remaining = s ? Math.max(0, Math.round((s.expiresAt.getTime() - now.getTime()) / 1000)) : 0;
  return (
    <div className="grid-2">
      <Card title={t("title")}>
        <form onSubmit={submit} noValidate>
          <Field label={t("amount")} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="4,50" />
          <Field label={t("label")} isOptional value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} placeholder={t("labelPlaceholder")} />
          <FormError message={error} />
          <Button type="submit" isBusy={create.isPending}>
            {t("show")}
          </Button>
        </form>
      </Card>
      {s && (
        <div ref={shown}>
        <Card className="qr-card" title={money(s.amount, s.currency)}>
          {s.label && <p className="strong">{s.label}</p>}
          {s.status === "paid" ? (
            <div className="notice notice-ok paid-big" role="status" data-testid="qr-paid">
              <p className="strong">{t("paid")}</p>
              <p>{t("paidBy", { name: nameOf(s.payerName), time: s.paidAt ? format.dateTime(s.paidAt, { timeStyle: "short" }) : "" })}</p>
            </div>
          ) : remaining === 0 ? (
            <p className="notice notice-danger">{t("expired")}</p>
          ) : (
            <>
              {image && <img src={image} alt={t("qrAlt", { amount: money(s.amount, s.currency) })} className="qr-image" width={320} height={320} />}
              <p className="hint">{t("scan")}</p>
              <p className="small">
                <a href={link} data-testid="qr-link">{link}</a>
              </p>
              <p className="small muted" aria-live="off">{t("expiresIn", { minutes: Math.floor(remaining / 60), seconds: String(remaining % 60).padStart(2, "0") })}</p>
            </>
          )}
        </Card>
        </div>
      )}
    </div>
  );
}
