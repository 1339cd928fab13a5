"use client";
import { useTranslations } from "next-intl";

export function useUnitLabel() {
  const t = useTranslations("unit");
  return (u: { staircase: string; floor: number; door: string }) =>
    t("label", { staircase: u.staircase || "none", door: u.door, floor: String(u.floor) });
}
