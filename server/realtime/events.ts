// Domain events (published by services) and the socket.io events browsers receive.
// Payloads name what changed, not its contents: pages refetch through tRPC, so what a
// browser may see is decided in one place (procedure output schemas).

export type TMembershipStatus = "pending" | "active" | "rejected" | "left";

export type TDomainEvent =
  | { type: "membership.changed"; userId: string; buildingId: string; unitId: string; membershipId: string; status: TMembershipStatus }
  /** A user's wallet moved (top-up, payment, refund). */
  | { type: "wallet.changed"; userId: string }
  /** Bills of these units were issued, imported, paid or refunded. */
  | { type: "bills.changed"; buildingId: string; unitIds: string[]; reason: "issued" | "paid" | "refunded" }
  /** A user got new in-app notifications. */
  | { type: "notification.created"; userId: string }
  /** A shop's details or approval changed. */
  | { type: "shops.changed"; shopId: string; ownerId: string }
  /** A shop's products changed (prices, stock, new ones). */
  | { type: "catalogue.changed"; shopId: string; buildingIds: string[] }
  /** An order was placed or moved. */
  | { type: "order.changed"; orderId: string; shopId: string; ownerId: string; userId: string; status: TOrderStatus }
  /** A QR payment link was paid. */
  | { type: "qr.paid"; qrId: string; shopId: string; ownerId: string; userId: string };

export type TOrderStatus = "placed" | "accepted" | "out_for_delivery" | "delivered" | "rejected" | "canceled";

export interface ServerToClientEvents {
  /** The receiving user's memberships changed (joined, approved, rejected, removed). */
  "membership:mine": (e: { membershipId: string; buildingId: string; status: TMembershipStatus }) => void;
  /** Something in a building this user manages changed (request, join, leave). */
  "membership:building": (e: { buildingId: string; membershipId: string; status: TMembershipStatus }) => void;
  "wallet:changed": () => void;
  /** Bills changed in a unit the user lives in, or (managers) a building they manage. */
  "bills:changed": (e: { buildingId: string; reason: "issued" | "paid" | "refunded" }) => void;
  "notifications:changed": () => void;
  /** The receiver's shop changed (approval, details). */
  "shops:changed": (e: { shopId: string }) => void;
  "catalogue:changed": (e: { shopId: string }) => void;
  /** An order of the receiver (as customer or as the shop's owner) was placed or moved. */
  "order:changed": (e: { orderId: string; shopId: string; status: TOrderStatus; isNew: boolean; side: "customer" | "merchant" }) => void;
  "qr:paid": (e: { qrId: string; shopId: string }) => void;
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
  unit: (id: string) => `unit:${id}`,
  managers: (buildingId: string) => `managers:${buildingId}`,
  admins: () => "admins",
};
