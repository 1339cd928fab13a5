// Where each domain event goes: one declaration per event type, as a pure function from the
// event to the socket events to emit and the rooms they go to (and, for memberships, the
// rooms a user's sockets join or leave). io.ts only carries these out, so the routing, which
// is a privacy boundary, is tested as data (routes.test.ts) for every event type.
import type { TDomainEvent, ServerToClientEvents } from "./events";
import { rooms } from "./events";
import { cellOf } from "../parking/area";

type TEmit = { [K in keyof ServerToClientEvents]: { to: string[]; event: K; args: Parameters<ServerToClientEvents[K]> } }[keyof ServerToClientEvents];
export type TRoute = {
  emits: TEmit[];
  join?: { userId: string; rooms: string[] };
  leave?: { userId: string; rooms: string[] };
  /** Cut the user's sockets, but those of the kept session. */
  disconnect?: { userId: string; keepSessionId: string | null };
};

const emit = <K extends keyof ServerToClientEvents>(to: string[], event: K, ...args: Parameters<ServerToClientEvents[K]>): TEmit => ({ to, event, args }) as TEmit;

type TRoutes = { [T in TDomainEvent["type"]]: (e: Extract<TDomainEvent, { type: T }>) => TRoute };

export const EVENT_ROUTES: TRoutes = {
  // Keep rooms in step with membership on every instance (the adapter relays this). Leaving
  // the building room when another unit there is still held is corrected on the next
  // connection; building events carry no private data.
  "membership.changed": ({ userId, buildingId, unitId, membershipId, status }) => ({
    ...(status === "active" ? { join: { userId, rooms: [rooms.building(buildingId), rooms.unit(unitId)] } } : { leave: { userId, rooms: [rooms.unit(unitId), rooms.building(buildingId)] } }),
    emits: [
      emit([rooms.user(userId)], "membership:mine", { membershipId, buildingId, status }),
      emit([rooms.managers(buildingId)], "membership:building", { buildingId, membershipId, status }),
    ],
  }),
  "wallet.changed": (e) => ({ emits: [emit([rooms.user(e.userId)], "wallet:changed")] }),
  "bills.changed": (e) => ({ emits: [emit([...e.unitIds.map(rooms.unit), rooms.managers(e.buildingId)], "bills:changed", { buildingId: e.buildingId, reason: e.reason })] }),
  "notification.created": (e) => ({ emits: [emit([rooms.user(e.userId)], "notifications:changed", { alert: e.alert })] }),
  "shops.changed": (e) => ({ emits: [emit([rooms.user(e.ownerId), rooms.admins()], "shops:changed", { shopId: e.shopId })] }),
  // Residents of the buildings the shop delivers to (their open shop pages refetch).
  "catalogue.changed": (e) => ({ emits: e.buildingIds.length ? [emit(e.buildingIds.map(rooms.building), "catalogue:changed", { shopId: e.shopId })] : [] }),
  "order.changed": (e) => {
    const base = { orderId: e.orderId, shopId: e.shopId, status: e.status, isNew: e.status === "placed" };
    return { emits: [emit([rooms.user(e.ownerId)], "order:changed", { ...base, side: "merchant" }), emit([rooms.user(e.userId)], "order:changed", { ...base, side: "customer" })] };
  },
  "qr.paid": (e) => ({ emits: [emit([rooms.user(e.ownerId)], "qr:paid", { qrId: e.qrId, shopId: e.shopId })] }),
  // The one event that carries data (chat's latency has no room for a refetch per message),
  // to the two participants only.
  "chat.message": (e) => {
    const fromResident = e.message.side === "resident";
    return {
      emits: [emit([rooms.user(e.residentId)], "chat:message", { ...e.message, mine: fromResident }), emit([rooms.user(e.ownerId)], "chat:message", { ...e.message, mine: !fromResident })],
    };
  },
  "chat.receipt": (e) => ({ emits: [emit(e.userIds.map(rooms.user), "chat:receipt", e.receipt)] }),
  "chat.changed": (e) => ({ emits: [emit(e.userIds.map(rooms.user), "chat:changed", { conversationId: e.conversationId })] }),
  "chat.reported": () => ({ emits: [emit([rooms.admins()], "chat:reports")] }),
  // Data, not a signal: a feed may move hundreds of places a minute. Each area cell's
  // watchers get that cell's items in one emit.
  "parking.occupancy": (e) => {
    const byCell = new Map<string, typeof e.items>();
    for (const item of e.items) {
      const cell = cellOf(item.latitude, item.longitude);
      byCell.set(cell, [...(byCell.get(cell) ?? []), item]);
    }
    return {
      emits: [...byCell].map(([cell, items]) =>
        emit([rooms.parkingArea(cell)], "parking:occupancy", { items: items.map(({ placeId, freeSpaces, observedAt }) => ({ placeId, freeSpaces, observedAt })) }),
      ),
    };
  },
  // One signal to every watched cell that gained or changed places (socket.io sends it once per socket).
  "repair.changed": (e) => ({
    emits: [
      emit([rooms.user(e.residentId)], "repair:changed", { bookingId: e.bookingId, status: e.status, side: "resident" }),
      emit([rooms.user(e.ownerId)], "repair:changed", { bookingId: e.bookingId, status: e.status, side: "repairer" }),
    ],
  }),
  // A signal only (which slots are free is for each resident's own query to say).
  "repair.slots": (e) => ({ emits: e.buildingIds.length ? [emit(e.buildingIds.map(rooms.building), "repair:slots", { serviceId: e.serviceId })] : [] }),
  // A signal to the building's residents and managers; which repairs (staircase) and counts a
  // person sees is for their own query to say.
  "commonRepair.changed": (e) => ({
    emits: [emit([rooms.building(e.buildingId), rooms.managers(e.buildingId)], "commonRepair:changed", { commonRepairId: e.commonRepairId, buildingId: e.buildingId })],
  }),
  // Staircase notices go to the unit rooms of that staircase, never to the building's room:
  // residents of other staircases must not even learn that one exists.
  "notice.changed": (e) => {
    const payload = { noticeId: e.noticeId, action: e.action, urgent: e.urgent };
    const audience = [...e.buildingIds.map(rooms.building), ...e.unitIds.map(rooms.unit)];
    return {
      emits: [
        ...(audience.length ? [emit(audience, "notice:changed", payload)] : []),
        ...(e.managerBuildingIds.length ? [emit(e.managerBuildingIds.map(rooms.managers), "notice:managed", { noticeId: e.noticeId })] : []),
      ],
    };
  },
  "notice.read": (e) => ({ emits: e.buildingIds.length ? [emit(e.buildingIds.map(rooms.managers), "notice:managed", { noticeId: e.noticeId })] : [] }),
  // Nothing is sent: the sockets of the sessions that ended are cut (they cannot reconnect).
  "session.revoked": (e) => ({ emits: [], disconnect: { userId: e.userId, keepSessionId: e.keepSessionId } }),
  // Admins' pages refetch; the person's sockets (every session) reconnect with their roles' rooms as they are now.
  "people.changed": (e) => ({ emits: [emit([rooms.admins()], "people:changed")], ...(e.rejoin && e.userId ? { disconnect: { userId: e.userId, keepSessionId: null } } : {}) }),
  "parking.placesChanged": (e) => ({ emits: e.cells.length ? [emit([...new Set(e.cells)].sort().map(rooms.parkingArea), "parking:places")] : [] }),
  // Only the person whose export it is; a signal (their own query says what it is).
  "dataExport.changed": (e) => ({ emits: [emit([rooms.user(e.userId)], "dataExport:changed", { exportId: e.exportId })] }),
};

/** The route of one event (looked up by its type). */
export function routeOf(event: TDomainEvent): TRoute {
  return (EVENT_ROUTES[event.type] as (e: TDomainEvent) => TRoute)(event);
}
