"use client";
// What the app shell shows residents about notices on every page (issue 14): the banner of
// urgent notices still to acknowledge and the nav badge of notices not opened yet. Both follow
// the socket: notice:changed refetches every notices.* query (server/realtime/socket-events.ts),
// so a manager's new notice shows up without reload. The live alert (a toast) is the
// notification bell's, which follows the person's preferences and quiet hours.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useErrorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { useToast } from "../toast";
import { Button } from "../ui";
import { CategoryIcon } from "./notice-parts";

/** After "I have read this": the banner, the lists and the notice itself refetch. */
export function useAcknowledge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const t = useTranslations("notices");
  return useMutation(
    trpc.notices.acknowledge.mutationOptions({
      onSuccess: (notice) => {
        queryClient.setQueryData(trpc.notices.get.queryKey({ id: notice.id }), notice);
        queryClient.setQueryData(trpc.notices.pendingUrgent.queryKey(), (old) => old?.filter((n) => n.id !== notice.id));
        toast.show(t("acknowledged"));
      },
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.notices.pendingUrgent.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.notices.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.home.pathKey() });
      },
    }),
  );
}

/** Urgent notices not acknowledged yet, on top of every page; each stays until "I have read this". */
export function UrgentBanner() {
  const t = useTranslations("notices");
  const trpc = useTRPC();
  const pathname = usePathname();
  const pending = useQuery(trpc.notices.pendingUrgent.queryOptions()).data ?? [];
  const acknowledge = useAcknowledge();
  // The notice's own page carries its button; the banner does not repeat it there.
  const shown = pending.filter((n) => !pathname.startsWith(`/notices/${n.id}`));
  if (!shown.length) return null;
  return (
    <section className="urgent-banners" aria-label={t("banner")} data-testid="urgent-banners">
      {shown.map((n) => (
        // role="alert": announced when it appears (a manager just published it), without taking focus.
        <div key={n.id} className="urgent-banner" role="alert" data-testid="urgent-banner" data-id={n.id}>
          <CategoryIcon category={n.category} size={24} />
          <div className="urgent-banner-text">
            <span className="urgent-banner-label">{t("bannerUrgent")}</span>
            <span className="urgent-banner-title" data-testid="urgent-banner-title">
              {n.title}
            </span>
          </div>
          <div className="urgent-banner-actions">
            <Link href={`/notices/${n.id}`}>{t("bannerRead")}</Link>
            <Button variant="secondary" isBusy={acknowledge.isPending && acknowledge.variables?.id === n.id} onClick={() => acknowledge.mutate({ id: n.id })}>
              {t("acknowledge")}
            </Button>
          </div>
        </div>
      ))}
    </section>
  );
}

/** The count of current notices not opened yet, on the nav entry. */
export function NoticesBadge({ testId = "notices-badge" }: { testId?: string }) {
  const t = useTranslations("notices");
  const trpc = useTRPC();
  const count = useQuery(trpc.notices.unseenCount.queryOptions()).data ?? 0;
  if (!count) return null;
  return (
    <span className="count-badge" data-testid={testId} aria-label={t("unseen", { count })}>
      {count > 99 ? "99+" : count}
    </span>
  );
}
