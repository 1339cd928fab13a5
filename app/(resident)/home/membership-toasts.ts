"use client";
// Kept apart from the join forms (zod, react-hook-form), which the home loads only for
// someone who has no home yet.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useSocketEvent } from "../../_components/realtime";
import { useToast } from "../../_components/toast";
import { useTRPC } from "../../_lib/trpc";

/** Tells the person when a manager answers their request (the lists refresh themselves on this event). */
export function useMembershipToasts() {
  const t = useTranslations("home");
  const trpc = useTRPC();
  const toast = useToast();
  const mine = useQuery(trpc.buildings.listMemberships.queryOptions());
  useSocketEvent("membership:mine", (e) => {
    const m = mine.data?.find((x) => x.id === e.membershipId);
    if (!m || m.status !== "pending") return;
    if (e.status === "active") toast.show(t("approvedToast", { building: m.building.name }));
    if (e.status === "rejected") toast.show(t("rejectedToast", { building: m.building.name }), { tone: "info" });
  });
}
