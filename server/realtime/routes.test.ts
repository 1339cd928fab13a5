// The room routing of every domain event, as data: who hears what is a privacy boundary.
// A new event type without a case here fails the first test.
import { describe, expect, it } from "vitest";
import type { TChatMessage } from "../chat/schema";
import type { TDomainEvent } from "./events";
import { EVENT_ROUTES, routeOf, type TRoute } from "./routes";
import { SOCKET_EVENTS } from "./socket-events";
import { appRouter } from "../root";

const message: TChatMessage = { id: "m1", conversationId: "c1", seq: 3, clientId: "client-0001", side: "resident", body: "bonjour", photo: null, order: null, createdAt: new Date(0).toISOString() };

/** Each event type, with the route it must have: rooms and socket events, exactly. */
const CASES: { [T in TDomainEvent["type"]]: { event: Extract<TDomainEvent, { type: T }>; route: TRoute } } = {
  "membership.changed": {
    event: { type: "membership.changed", userId: "u1", buildingId: "b1", unitId: "n1", membershipId: "ms1", status: "active" },
    route: {
      join: { userId: "u1", rooms: ["building:b1", "unit:n1"] },
      emits: [
        { to: ["user:u1"], event: "membership:mine", args: [{ membershipId: "ms1", buildingId: "b1", status: "active" }] },
        { to: ["managers:b1"], event: "membership:building", args: [{ buildingId: "b1", membershipId: "ms1", status: "active" }] },
      ],
    },
  },
  "wallet.changed": { event: { type: "wallet.changed", userId: "u1" }, route: { emits: [{ to: ["user:u1"], event: "wallet:changed", args: [] }] } },
  "bills.changed": {
    event: { type: "bills.changed", buildingId: "b1", unitIds: ["n1", "n2"], reason: "paid" },
    route: { emits: [{ to: ["unit:n1", "unit:n2", "managers:b1"], event: "bills:changed", args: [{ buildingId: "b1", reason: "paid" }] }] },
  },
  "notification.created": { event: { type: "notification.created", userId: "u1", alert: true }, route: { emits: [{ to: ["user:u1"], event: "notifications:changed", args: [{ alert: true }] }] } },
  "shops.changed": { event: { type: "shops.changed", shopId: "s1", ownerId: "o1" }, route: { emits: [{ to: ["user:o1", "admins"], event: "shops:changed", args: [{ shopId: "s1" }] }] } },
  "catalogue.changed": {
    event: { type: "catalogue.changed", shopId: "s1", buildingIds: ["b1", "b2"] },
    route: { emits: [{ to: ["building:b1", "building:b2"], event: "catalogue:changed", args: [{ shopId: "s1" }] }] },
  },
  "order.changed": {
    event: { type: "order.changed", orderId: "o9", shopId: "s1", ownerId: "o1", userId: "u1", status: "placed" },
    route: {
      emits: [
        { to: ["user:o1"], event: "order:changed", args: [{ orderId: "o9", shopId: "s1", status: "placed", isNew: true, side: "merchant" }] },
        { to: ["user:u1"], event: "order:changed", args: [{ orderId: "o9", shopId: "s1", status: "placed", isNew: true, side: "customer" }] },
      ],
    },
  },
  "qr.paid": { event: { type: "qr.paid", qrId: "q1", shopId: "s1", ownerId: "o1", userId: "u1" }, route: { emits: [{ to: ["user:o1"], event: "qr:paid", args: [{ qrId: "q1", shopId: "s1" }] }] } },
  "chat.message": {
    event: { type: "chat.message", conversationId: "c1", residentId: "u1", ownerId: "o1", message },
    route: {
      emits: [
        { to: ["user:u1"], event: "chat:message", args: [{ ...message, mine: true }] },
        { to: ["user:o1"], event: "chat:message", args: [{ ...message, mine: false }] },
      ],
    },
  },
  "chat.receipt": {
    event: { type: "chat.receipt", userIds: ["u1", "o1"], receipt: { conversationId: "c1", side: "merchant", deliveredSeq: 3, readSeq: 2 } },
    route: { emits: [{ to: ["user:u1", "user:o1"], event: "chat:receipt", args: [{ conversationId: "c1", side: "merchant", deliveredSeq: 3, readSeq: 2 }] }] },
  },
  "chat.changed": { event: { type: "chat.changed", conversationId: "c1", userIds: ["u1", "o1"] }, route: { emits: [{ to: ["user:u1", "user:o1"], event: "chat:changed", args: [{ conversationId: "c1" }] }] } },
  "chat.reported": { event: { type: "chat.reported" }, route: { emits: [{ to: ["admins"], event: "chat:reports", args: [] }] } },
  // Grouped by area cell: each cell's watchers get their own places only, never a position.
  "parking.occupancy": {
    event: {
      type: "parking.occupancy",
      items: [
        { placeId: "p1", latitude: 45.77, longitude: 4.83, freeSpaces: 3, observedAt: "2026-12-02T10:00:00.000Z" },
        { placeId: "p2", latitude: 45.75, longitude: 4.95, freeSpaces: 0, observedAt: "2026-12-02T10:00:01.000Z" },
        { placeId: "p3", latitude: 45.78, longitude: 4.84, freeSpaces: 12, observedAt: "2026-12-02T10:00:02.000Z" },
      ],
    },
    route: {
      emits: [
        { to: ["parking:457:48"], event: "parking:occupancy", args: [{ items: [{ placeId: "p1", freeSpaces: 3, observedAt: "2026-12-02T10:00:00.000Z" }, { placeId: "p3", freeSpaces: 12, observedAt: "2026-12-02T10:00:02.000Z" }] }] },
        { to: ["parking:457:49"], event: "parking:occupancy", args: [{ items: [{ placeId: "p2", freeSpaces: 0, observedAt: "2026-12-02T10:00:01.000Z" }] }] },
      ],
    },
  },
  "parking.placesChanged": { event: { type: "parking.placesChanged", cells: ["457:49", "457:48", "457:49"] }, route: { emits: [{ to: ["parking:457:48", "parking:457:49"], event: "parking:places", args: [] }] } },
  // Each side in its own room, told which side it is; nobody else.
  "repair.changed": {
    event: { type: "repair.changed", bookingId: "k1", serviceId: "s1", ownerId: "o1", residentId: "r1", status: "confirmed" },
    route: {
      emits: [
        { to: ["user:r1"], event: "repair:changed", args: [{ bookingId: "k1", status: "confirmed", side: "resident" }] },
        { to: ["user:o1"], event: "repair:changed", args: [{ bookingId: "k1", status: "confirmed", side: "repairer" }] },
      ],
    },
  },
  // Residents of the buildings served, as a signal without content.
  "repair.slots": { event: { type: "repair.slots", serviceId: "s1", buildingIds: ["b1", "b2"] }, route: { emits: [{ to: ["building:b1", "building:b2"], event: "repair:slots", args: [{ serviceId: "s1" }] }] } },
  // The building's residents and its managers, as a signal without content (no title, no supporter).
  "commonRepair.changed": {
    event: { type: "commonRepair.changed", commonRepairId: "cr1", buildingId: "b1" },
    route: { emits: [{ to: ["building:b1", "managers:b1"], event: "commonRepair:changed", args: [{ commonRepairId: "cr1", buildingId: "b1" }] }] },
  },
  // A whole building's room and, for a staircase, only that staircase's unit rooms; no title or body.
  "notice.changed": {
    event: { type: "notice.changed", noticeId: "nt1", action: "published", urgent: true, buildingIds: ["b1"], unitIds: ["u7", "u8"], managerBuildingIds: ["b1", "b2"] },
    route: {
      emits: [
        { to: ["building:b1", "unit:u7", "unit:u8"], event: "notice:changed", args: [{ noticeId: "nt1", action: "published", urgent: true }] },
        { to: ["managers:b1", "managers:b2"], event: "notice:managed", args: [{ noticeId: "nt1" }] },
      ],
    },
  },
  // Only the managers: a resident never learns who else read it.
  "notice.read": { event: { type: "notice.read", noticeId: "nt1", buildingIds: ["b1"] }, route: { emits: [{ to: ["managers:b1"], event: "notice:managed", args: [{ noticeId: "nt1" }] }] } },
  // Only the person whose export it is.
  "dataExport.changed": { event: { type: "dataExport.changed", userId: "u1", exportId: "x1" }, route: { emits: [{ to: ["user:u1"], event: "dataExport:changed", args: [{ exportId: "x1" }] }] } },
  "session.revoked": { event: { type: "session.revoked", userId: "u1", keepSessionId: "s1" }, route: { emits: [], disconnect: { userId: "u1", keepSessionId: "s1" } } },
  "people.changed": {
    event: { type: "people.changed", userId: "u1", rejoin: true },
    route: { emits: [{ to: ["admins"], event: "people:changed", args: [] }], disconnect: { userId: "u1", keepSessionId: null } },
  },
};

describe("event routing", () => {
  it("has a tested route for every event type", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(EVENT_ROUTES).sort());
  });

  for (const [type, c] of Object.entries(CASES)) {
    it(`routes ${type} to exactly its rooms`, () => {
      expect(routeOf(c.event)).toEqual(c.route);
    });
  }

  it("takes a membership's sockets out of its rooms when it ends, and says nothing to a shop with no buildings", () => {
    expect(routeOf({ type: "membership.changed", userId: "u1", buildingId: "b1", unitId: "n1", membershipId: "ms1", status: "left" })).toMatchObject({ leave: { userId: "u1", rooms: ["unit:n1", "building:b1"] } });
    expect(routeOf({ type: "catalogue.changed", shopId: "s1", buildingIds: [] }).emits).toEqual([]);
    const fromShop = routeOf({ type: "chat.message", conversationId: "c1", residentId: "u1", ownerId: "o1", message: { ...message, side: "merchant" } });
    expect(fromShop.emits.map((e) => [e.to, (e.args[0] as { mine: boolean }).mine])).toEqual([
      [["user:u1"], false],
      [["user:o1"], true],
    ]);
  });

  it("sends every payload in the shape its socket event declares (nothing more: data events are a privacy boundary)", () => {
    for (const c of Object.values(CASES)) {
      for (const e of routeOf(c.event).emits) {
        const { payload } = SOCKET_EVENTS[e.event];
        if (payload === null) expect(e.args, e.event).toEqual([]);
        else expect(payload.strict().parse(e.args[0]), e.event).toEqual(e.args[0]);
      }
    }
  });
});

describe("socket event declarations", () => {
  // Routers and procedures by dotted path ("bills", "bills.manage", "bills.manage.list").
  const paths = new Set<string>();
  for (const name of Object.keys(appRouter._def.procedures)) {
    const parts = name.split(".");
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join("."));
  }

  for (const [name, decl] of Object.entries(SOCKET_EVENTS)) {
    it(`${name} refetches only paths the API has`, () => {
      for (const path of decl.refetch) expect(paths.has(path), path).toBe(true);
      // A signal without anything to refetch would do nothing in the browser.
      if (decl.kind === "signal") expect(decl.refetch.length).toBeGreaterThan(0);
    });
  }

  it("declares every socket event a route emits", () => {
    const emitted = new Set(Object.values(CASES).flatMap((c) => routeOf(c.event).emits.map((e) => e.event)));
    // chat:typing is not stored, so it has no domain event: the chat socket relays it.
    expect([...emitted, "chat:typing"].sort()).toEqual(Object.keys(SOCKET_EVENTS).sort());
  });
});
