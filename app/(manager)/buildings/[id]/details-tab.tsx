"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useToast } from "../../../_components/toast";
import { Card } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";
import { BuildingForm } from "../building-form";
import type { TBuildingDetail } from "./building-view";

export function DetailsTab({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("building");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const update = useMutation(trpc.buildings.manage.update.mutationOptions());
  const { units: _units, id, ...initial } = building;
  return (
    <Card>
      <BuildingForm
        initial={initial}
        submitLabel={t("saveDetails")}
        onSave={async (data) => {
          await update.mutateAsync({ id, data });
          toast.show(t("detailsSaved"));
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.get.queryKey({ id }) }),
            queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.list.queryKey() }),
          ]);
        }}
      />
    </Card>
  );
}
