// Domain events (published by services) and the socket.io types. The events browsers
// receive are declared in socket-events.ts (payload schema, kind, what the browser
// refetches); their rooms in routes.ts.

import type { TChatMessage, TReceipt } from "../chat/schema";
import type { TServerToClientEvents } from "./socket-events";
import type { TMembershipStatus } from "../buildings/schema";
import type { TOrderStatus } from "../orders/schema";

export type TDomainEvent =
  | { type: "membership.changed"; userId: string; buildingId: string; unitId: string; membershipId: string; status: TMembershipStatus }
  /** A user's wallet moved (top-up, payment, refund). */
  | { type: "wallet.changed"; userId: string }
  /** Bills of these units were issued, imported, paid or refunded. */
  | { type: "bills.changed"; buildingId: string; unitIds: string[]; reason: "issued" | "paid" | "refunded" }
  /** A user's notifications changed (new, updated in place, read, done); alert: the open pages should say so (not switched off, urgent or outside quiet hours: decided by notify()). */
  | { type: "notification.created"; userId: string; alert: boolean }
  /** A shop's details or approval changed. */
  | { type: "shops.changed"; shopId: string; ownerId: string }
  /** A shop's products changed (prices, stock, new ones). */
  | { type: "catalogue.changed"; shopId: string; buildingIds: string[] }
  /** An order was placed or moved. */
  | { type: "order.changed"; orderId: string; shopId: string; ownerId: string; userId: string; status: TOrderStatus }
  /** A QR payment link was paid. */
  | { type: "qr.paid"; qrId: string; shopId: string; ownerId: string; userId: string }
  /** A chat message was stored. The only event that carries content (see docs/architecture.md). */
  | { type: "chat.message"; conversationId: string; residentId: string; ownerId: string; message: TChatMessage }
  /** One side of a conversation received or read up to a sequence number. */
  | { type: "chat.receipt"; userIds: string[]; receipt: TReceipt }
  /** A conversation was blocked or unblocked. */
  | { type: "chat.changed"; conversationId: string; userIds: string[] }
  /** A message was reported, or a report reviewed (admins' list). */
  | { type: "chat.reported" }
  /** Free spaces observed at parking places (public data: goes to the sockets watching their areas). */
  | { type: "parking.occupancy"; items: { placeId: string; latitude: number; longitude: number; freeSpaces: number; observedAt: string }[] }
  /** Places were created or changed (an admin's import): the map areas (cells) they are in. */
  | { type: "parking.placesChanged"; cells: string[] }
  /** A repair booking was requested or moved (both sides' pages refetch). */
  | { type: "repair.changed"; bookingId: string; serviceId: string; ownerId: string; residentId: string; status: string }
  /** A repairer's free slots changed (a hold, a booking, a release, new hours): residents of the buildings it serves. */
  | { type: "repair.slots"; serviceId: string; buildingIds: string[] }
  /** A common-area repair of a building was opened, moved, withdrawn or got a "me too". */
  | { type: "commonRepair.changed"; commonRepairId: string; buildingId: string }
  /**
   * A notice was published, edited or withdrawn: to exactly its audience (whole buildings'
   * rooms, and the unit rooms of the staircases it addresses) and its buildings' managers.
   */
  | { type: "notice.changed"; noticeId: string; action: "published" | "edited" | "withdrawn"; urgent: boolean; buildingIds: string[]; unitIds: string[]; managerBuildingIds: string[] }
  /** A resident saw or acknowledged a notice, or a reminder went out: its managers' reports refetch. */
  | { type: "notice.read"; noticeId: string; buildingIds: string[] }
  /** A user's sessions but one (or all) ended: their other sockets are cut (server/auth/revocation.ts). */
  | { type: "session.revoked"; userId: string; keepSessionId: string | null }
  /** One of the user's data exports was asked for, became ready, failed or expired (server/privacy/export.ts). */
  | { type: "dataExport.changed"; userId: string; exportId: string }
  /**
   * An admin changed a person (roles, suspension) or a shop's suspension: admins' people and
   * audit pages refetch; with `rejoin`, the person's sockets are cut so that they reconnect
   * with the rooms of their roles as they are now (server/people).
   */
  | { type: "people.changed"; userId: string | null; rejoin: boolean };


/** What browsers receive: derived from the declarations in socket-events.ts. */
export type ServerToClientEvents = TServerToClientEvents;

/** The answer to a socket request: the data, or an error as the API would give it. */
export type TAck<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; params: Record<string, string | number> | null } };

export interface ClientToServerEvents {
  /** Round-trip check used by health probes and tests. */
  ping: (ack: (reply: { at: number; instance: string }) => void) => void;
  /** Stores a message (or finds it, for a retried clientId) and then acknowledges it. */
  "chat:send": (input: unknown, ack: (r: TAck<{ message: TChatMessage; isReplay: boolean }>) => void) => void;
  /** What came after afterSeq, in order; hasMore says ask again. */
  "chat:sync": (input: unknown, ack: (r: TAck<{ messages: TChatMessage[]; hasMore: boolean; other: { deliveredSeq: number; readSeq: number } }>) => void) => void;
  "chat:delivered": (input: unknown, ack?: (r: TAck<{ ok: true }>) => void) => void;
  "chat:read": (input: unknown, ack?: (r: TAck<{ ok: true }>) => void) => void;
  "chat:typing": (input: unknown) => void;
  /** The parking areas this socket shows (replaces the previous ones); answered with the cells taken. */
  "parking:watch": (input: unknown, ack?: (r: TAck<{ cells: string[] }>) => void) => void;
}

export interface SocketData {
  userId: string;
  /** The session token's own id (null for tokens from before sessions had one). */
  sessionId: string | null;
}

export const rooms = {
  user: (id: string) => `user:${id}`,
  building: (id: string) => `building:${id}`,
  unit: (id: string) => `unit:${id}`,
  managers: (buildingId: string) => `managers:${buildingId}`,
  admins: () => "admins",
  /** Sockets showing a parking map or list over this area cell (server/parking/area.ts). */
  parkingArea: (cell: string) => `parking:${cell}`,
};
