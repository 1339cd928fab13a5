// Every event a browser can receive, declared once: its payload schema, its kind, and what
// the browser refetches when it arrives. The server's emits are typed from it
// (ServerToClientEvents in events.ts, routes in routes.ts) and the browser's listeners are
// made from it (app/_components/realtime.tsx), so a new live event is one entry here plus
// its route. Client-safe: zod and domain schemas only, nothing that touches the server.
//
// Two kinds:
// - "signal": says what changed, never its content; the browser refetches the named tRPC
//   paths, so what a person sees is decided by procedures alone.
// - "data": carries the content itself, for updates too frequent or too latency-bound for
//   a refetch per change (a chat message; next, parking occupancy). The payload is what
//   the receiver may see, so its schema is part of the privacy boundary; pages take it
//   with useSocketEvent(). A data event may still refetch lists around it.
import { z } from "zod";
import { ZMembershipStatus } from "../buildings/schema";
import { ZChatMessage, ZReceipt, ZSide } from "../chat/schema";
import { ZOrderStatus } from "../orders/status";

type TDecl = { kind: "signal" | "data"; payload: z.ZodType | null; refetch: readonly string[] };
const signal = <S extends z.ZodType | null>(payload: S, refetch: readonly string[]) => ({ kind: "signal" as const, payload, refetch });
const data = <S extends z.ZodType>(payload: S, refetch: readonly string[] = []) => ({ kind: "data" as const, payload, refetch });

/** tRPC paths (a router or one procedure) whose queries a chat list shows. */
const CHAT_LISTS = ["chat.list", "chat.unreadCount", "chat.get", "home"] as const;

export const SOCKET_EVENTS = {
  /** The receiving user's memberships changed (joined, approved, rejected, removed). */
  "membership:mine": signal(z.object({ membershipId: z.string(), buildingId: z.string(), status: ZMembershipStatus }), ["buildings.listMemberships", "home"]),
  /** Something in a building this user manages changed (request, join, leave); the bills' pages name residents too. */
  "membership:building": signal(z.object({ buildingId: z.string(), membershipId: z.string(), status: ZMembershipStatus }), ["buildings.manage", "bills.manage", "home"]),
  "wallet:changed": signal(null, ["wallet", "home"]),
  /** Bills changed in a unit the user lives in, or (managers) a building they manage. */
  "bills:changed": signal(z.object({ buildingId: z.string(), reason: z.enum(["issued", "paid", "refunded"]) }), ["bills", "home"]),
  /** The receiver's notifications changed; alert: show it (a toast), false for reads, done marks and during quiet hours for what is not urgent. */
  "notifications:changed": signal(z.object({ alert: z.boolean() }), ["notifications"]),
  /** The receiver's shop changed (approval, details). */
  "shops:changed": signal(z.object({ shopId: z.string() }), ["shops", "home"]),
  "catalogue:changed": signal(z.object({ shopId: z.string() }), ["shops.get", "shops.list"]),
  /** An order of the receiver (as customer or as the shop's owner) was placed or moved. */
  "order:changed": signal(
    z.object({ orderId: z.string(), shopId: z.string(), status: ZOrderStatus, isNew: z.boolean(), side: z.enum(["customer", "merchant"]) }),
    ["orders", "shops.manage.listProducts", "home"],
  ),
  "qr:paid": signal(z.object({ qrId: z.string(), shopId: z.string() }), ["qr", "home"]),
  /** A message in one of the receiver's conversations (either side, the sender's tabs too; mine says which). */
  "chat:message": data(ZChatMessage.extend({ mine: z.boolean() }), CHAT_LISTS),
  "chat:receipt": data(ZReceipt, CHAT_LISTS),
  /** The other side is typing (sent at most every couple of seconds while they type). */
  "chat:typing": data(z.object({ conversationId: z.string(), side: ZSide })),
  "chat:changed": signal(z.object({ conversationId: z.string() }), CHAT_LISTS),
  "chat:reports": signal(null, ["chat.admin", "home"]),
  /** Free spaces observed at places in a watched area: applied to open maps and lists as they are. */
  "parking:occupancy": data(z.object({ items: z.array(z.object({ placeId: z.string(), freeSpaces: z.number().int(), observedAt: z.string() })) })),
  /** Places in a watched area were added or changed (an import): lists and maps read them again. */
  "parking:places": signal(null, ["parking.list", "parking.favourites.list"]),
  /** One of the receiver's repair bookings (as resident or repairer) was requested or moved. */
  "repair:changed": signal(z.object({ bookingId: z.string(), status: z.string(), side: z.enum(["resident", "repairer"]) }), ["repairs", "home"]),
  /** A repairer serving the receiver's building has different free slots now. */
  "repair:slots": signal(z.object({ serviceId: z.string() }), ["repairs.listRepairers", "repairs.listSlots"]),
  /** A common-area repair of a building the receiver lives in or manages changed (opened, moved, "me too"). */
  "commonRepair:changed": signal(z.object({ commonRepairId: z.string(), buildingId: z.string() }), ["repairs.common", "home"]),
  /** A notice for the receiver's building or staircase was published, edited or withdrawn (the banner and lists refetch). */
  "notice:changed": signal(z.object({ noticeId: z.string(), action: z.enum(["published", "edited", "withdrawn"]), urgent: z.boolean() }), ["notices", "home"]),
  /** A notice of a building the receiver manages changed or was seen or acknowledged (the report refetches). */
  "notice:managed": signal(z.object({ noticeId: z.string() }), ["notices.manage", "home"]),
  /** One of the receiver's data exports was asked for, became ready, failed or expired (the account page refetches). */
  "dataExport:changed": signal(z.object({ exportId: z.string() }), ["privacy.export"]),
  /** An admin changed someone's roles or suspension, or a shop's (admins' people and audit pages refetch). */
  "people:changed": signal(null, ["people"]),
} satisfies Record<string, TDecl>;

export type TSocketEventName = keyof typeof SOCKET_EVENTS;
type TPayload<K extends TSocketEventName> = (typeof SOCKET_EVENTS)[K]["payload"];

/** socket.io's typed map, derived: an event without payload is `() => void`. */
export type TServerToClientEvents = {
  [K in TSocketEventName]: TPayload<K> extends z.ZodType ? (payload: z.infer<TPayload<K>>) => void : () => void;
};
