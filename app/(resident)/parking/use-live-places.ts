"use client";
// Live occupancy for an open parking page: the socket watches the area cells of the search
// (parking:watch, again after every reconnection) and each parking:occupancy event patches
// the places already on screen, without a refetch per change. A place that was not shown
// (filtered out as full) may now belong when the search hides full places: then the search
// refetches, at most every 2 s.
// A clock ticks every 20 s so that ages ("updated 3 min ago") and the stale rule move on.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { availabilityOf } from "~/server/parking/availability";
import { cellsCovering } from "~/server/parking/area";
import type { TNearby } from "~/server/parking/schema";
import { useRealtime, useSocketEvent } from "../../_components/realtime";
import { useTRPC } from "../../_lib/trpc";

export function useNow(everyMs = 20_000) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** `refetchOnNew`: the search hides full places, so one that frees up must come in. */
export function useLiveParking(area: { latitude: number; longitude: number; radiusM: number } | null, refetchOnNew: boolean) {
  const { socket, isConnected } = useRealtime();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const listKey = trpc.parking.list.pathKey();
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!socket || !isConnected || !area) return;
    const cells = cellsCovering(area, area.radiusM);
    if (cells) socket.emit("parking:watch", { cells });
    return () => {
      socket.emit("parking:watch", { cells: [] });
    };
  }, [socket, isConnected, area?.latitude, area?.longitude, area?.radiusM]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => () => {
    if (refetchTimer.current) clearTimeout(refetchTimer.current);
  }, []);

  useSocketEvent("parking:occupancy", ({ items }) => {
    const byId = new Map(items.map((i) => [i.placeId, i]));
    let missed = false;
    const shown = new Set<string>();
    queryClient.setQueriesData<TNearby>({ queryKey: listKey }, (old) => {
      if (!old) return old;
      return {
        ...old,
        places: old.places.map((p) => {
          shown.add(p.id);
          const item = byId.get(p.id);
          if (!item) return p;
          const observedAt = new Date(item.observedAt);
          if (p.observedAt && p.observedAt >= observedAt) return p;
          const next = { ...p, freeSpaces: item.freeSpaces, observedAt, isStale: false };
          return { ...next, availability: availabilityOf(next, p.isOpen, false) };
        }),
      };
    });
    for (const [id, item] of byId) if (!shown.has(id) && item.freeSpaces > 0) missed = true;
    if (refetchOnNew && missed && !refetchTimer.current) {
      refetchTimer.current = setTimeout(() => {
        refetchTimer.current = null;
        void queryClient.invalidateQueries({ queryKey: listKey });
      }, 2_000);
    }
  });
}
