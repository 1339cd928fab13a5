// Domain events (published by services) and the socket.io events browsers receive.
// Payloads name what changed, not its contents: pages refetch through tRPC, so what a
// browser may see is decided in one place (procedure output schemas).

export type TDomainEvent = {
  type: "membership.changed";
  userId: string;
  buildingId: string;
  membershipId: string;
  status: "pending" | "active" | "rejected" | "left";
};

export interface ServerToClientEvents {
  /** The receiving user's memberships changed (joined, approved, rejected, removed). */
  "membership:mine": (e: { membershipId: string; buildingId: string; status: TDomainEvent["status"] }) => void;
  /** Something in a building this user manages changed (request, join, leave). */
  "membership:building": (e: { buildingId: string; membershipId: string; status: TDomainEvent["status"] }) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check used by health probes and tests. */
  ping: (ack: (reply: { at: number; instance: string }) => void) => void;
}

export interface SocketData {
  userId: string;
}

export const rooms = {
  user: (id: string) => `user:${id}`,
  building: (id: string) => `building:${id}`,
  managers: (buildingId: string) => `managers:${buildingId}`,
};
