"use client";
// Merchant promotions, the resident's side (issue 14): the toggle on a shop's page, and the
// list of shops one gets offers from (on the shops page), each with a way to stop them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "../../_components/toast";
import { Button, Card } from "../../_components/ui";
import { useErrorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";

function useOptInMutations() {
  const t = useTranslations("promotions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const options = (message: string) => ({
    onSuccess: () => {
      toast.show(message);
      return queryClient.invalidateQueries({ queryKey: trpc.promotions.listOptIns.queryKey() });
    },
    onError: (e: unknown) => toast.show(toMessage(e), { tone: "error" as const }),
  });
  return {
    optIn: useMutation(trpc.promotions.optIn.mutationOptions(options(t("optedIn")))),
    optOut: useMutation(trpc.promotions.optOut.mutationOptions(options(t("optedOut")))),
  };
}

/** On a shop's page: "Get this shop's offers (at most 4 a month)", ticked when opted in. */
export function PromoToggle({ shopId }: { shopId: string }) {
  const t = useTranslations("promotions");
  const trpc = useTRPC();
  const mine = useQuery(trpc.promotions.listOptIns.queryOptions());
  const { optIn, optOut } = useOptInMutations();
  // Shown ticked (or not) at once; the list's answer takes over when the change is saved or refused.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const isOptedIn = wanted ?? mine.data?.some((o) => o.shopId === shopId) ?? false;
  const isBusy = mine.isPending || optIn.isPending || optOut.isPending;
  const change = (on: boolean) => {
    setWanted(on);
    (on ? optIn : optOut).mutate({ shopId }, { onSettled: () => setWanted(null) });
  };
  return (
    <label className="check promo-toggle small" data-testid="promo-toggle">
      <input type="checkbox" checked={isOptedIn} disabled={isBusy || mine.isError} aria-busy={isBusy} onChange={(e) => change(e.target.checked)} />
      {t("toggle")}
    </label>
  );
}

/** On the shops page, below the shops: the shops that may send the resident offers, each with "Stop". */
export function MyOptIns({ hasShops }: { hasShops: boolean }) {
  const t = useTranslations("promotions");
  const trpc = useTRPC();
  const mine = useQuery(trpc.promotions.listOptIns.queryOptions());
  const { optOut } = useOptInMutations();
  // Nothing to say to someone with no shops and no offers (a stale opt-in is still listed, to stop it).
  if (!mine.data || (mine.data.length === 0 && !hasShops)) return null;
  return (
    <Card title={t("mineTitle")} className="promo-optins">
      {mine.data.length === 0 ? (
        <p className="hint">{t("mineNone")}</p>
      ) : (
        <>
          <p className="hint">{t("mineHint")}</p>
          <ul className="list" data-testid="promo-optins">
            {mine.data.map((o) => (
              <li key={o.shopId} className="list-row promo-optin" data-testid="promo-optin" data-shop={o.shopName}>
                <span className="grow">
                  {o.isReaching ? <Link href={`/shops/${o.shopId}`}>{o.shopName}</Link> : <span>{o.shopName}</span>}
                  {!o.isReaching && <span className="small muted block">{t("notReaching")}</span>}
                </span>
                <Button
                  variant="secondary"
                  className="btn-small"
                  isBusy={optOut.isPending && optOut.variables?.shopId === o.shopId}
                  aria-label={t("stopNamed", { shop: o.shopName })}
                  onClick={() => optOut.mutate({ shopId: o.shopId })}
                >
                  {t("stop")}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
