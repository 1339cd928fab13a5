"use client";
import { useTranslations } from "next-intl";
import type { TPersonState } from "~/server/people/schema";

const TONE: Record<TPersonState, string> = { active: "badge-active", suspended: "badge-overdue", deletionRequested: "badge-pending", deleted: "badge-rejected" };

/** A person's state (active, suspended, deletion requested, deleted). */
export function StateBadge({ state }: { state: TPersonState }) {
  const t = useTranslations("people.state");
  return (
    <span className={`badge ${TONE[state]}`} data-testid="person-state">
      {t(state)}
    </span>
  );
}
