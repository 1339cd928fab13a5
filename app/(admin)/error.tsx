"use client";
// An error in a page of this group: shown inside the app shell, which stays usable.
import { ErrorView } from "../_components/error-view";

export default function GroupError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView error={error} reset={reset} home="/home" />;
}
