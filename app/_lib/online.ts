"use client";
// Whether the browser says it is online (navigator.onLine and its online/offline events).
// Payment buttons use it to say "you're offline" instead of sending a request that cannot
// arrive; the server render and the first paint assume online.
import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

export function useIsOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}
