// The one emitter: services publish domain events here and never import socket.io.
// The realtime server installs a sink at start-up; without one (scripts, unit tests)
// events go only to local listeners.
import type { TDomainEvent } from "./events";

type Sink = (event: TDomainEvent) => void;
const g = globalThis as { __quartierSinks?: Set<Sink> };
const sinks = (g.__quartierSinks ??= new Set());

export function publish(event: TDomainEvent) {
  for (const sink of sinks) {
    try {
      sink(event);
    } catch (err) {
      // A broken listener must not undo a committed change.
      console.error("event sink failed", err);
    }
  }
}

/** Adds a listener; returns the function that removes it. */
export function subscribe(sink: Sink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}
