// Every kind of notification Quartier sends, declared once: what its params are (checked
// when it is written, so the page that shows it can trust them), where it links to, and
// whether the person may switch it off (the preferences of issue 14 read this). `notify()`
// is the only writer of the table and accepts only these kinds.
import { z } from "zod";

const ZCents = z.number().int();
const ZBillReminder = z.object({ billKind: z.string(), amount: ZCents, currency: z.string(), dueDate: z.string(), reference: z.string() });

export const NOTIFICATION_KINDS = {
  /** A bill of one of the person's units is due in a few days. */
  billDueSoon: { params: ZBillReminder, link: () => "/bills", canSwitchOff: true },
  /** A bill of one of the person's units is overdue. */
  billOverdue: { params: ZBillReminder, link: () => "/bills", canSwitchOff: false },
  /** The shop moved one of the person's orders (accepted, out for delivery, delivered, rejected). */
  orderStatus: {
    params: z.object({ shop: z.string(), number: z.number().int(), status: z.string(), amount: ZCents, currency: z.string() }),
    link: () => "/orders",
    canSwitchOff: false,
  },
  /** The first unread message of a burst in one of the person's conversations. */
  chatMessage: { params: z.object({ from: z.string() }), link: (conversationId: string) => `/messages/${conversationId}`, canSwitchOff: true },
  /** A favourite parking place the person was waiting on has free spaces again (told once per ask). */
  parkingFreed: { params: z.object({ place: z.string(), free: z.number().int() }), link: (placeId: string) => `/parking?place=${placeId}`, canSwitchOff: true },
  /** A repairer moved one of the person's bookings (confirmed, declined, proposed another slot, started, done, cancelled). */
  repairBooking: {
    params: z.object({ repairer: z.string(), category: z.string(), startsAt: z.string(), status: z.string() }),
    link: (bookingId: string) => `/repairs/bookings/${bookingId}`,
    canSwitchOff: false,
  },
  /** A resident asked for, cancelled, moved or rated a job of the person's repair business. */
  repairRequest: {
    params: z.object({ resident: z.string(), category: z.string(), startsAt: z.string(), status: z.string() }),
    link: (bookingId: string) => `/shop/repairs/${bookingId}`,
    canSwitchOff: false,
  },
  /** A repair of the common parts of the person's building (or staircase) was opened, or is done. */
  commonRepair: {
    params: z.object({ building: z.string(), title: z.string(), area: z.string(), status: z.enum(["open", "done"]) }),
    link: () => "/repairs/common",
    canSwitchOff: true,
  },
  /** A building manager published a notice for the person's building (or staircase). */
  notice: {
    params: z.object({ title: z.string(), building: z.string(), category: z.string() }),
    link: (noticeId: string) => `/notices/${noticeId}`,
    canSwitchOff: true,
  },
  /** An urgent notice (or the manager's one reminder of it) that the person must acknowledge: never switched off, never held back by quiet hours. */
  urgentNotice: {
    params: z.object({ title: z.string(), building: z.string(), category: z.string(), reminder: z.number().int().min(0).max(1) }),
    link: (noticeId: string) => `/notices/${noticeId}`,
    canSwitchOff: false,
    urgent: true,
  },
  /** A promotion from a shop the person opted in to (at most 4 a shop a month). */
  promotion: {
    params: z.object({ shop: z.string(), title: z.string(), body: z.string() }),
    link: (shopId: string) => `/shops/${shopId}`,
    canSwitchOff: true,
  },
  /** The export of the person's data they asked for is ready to download (for 24 h). */
  dataExportReady: {
    params: z.object({ expiresAt: z.string(), sizeBytes: z.number().int() }),
    link: () => "/account#your-data",
    canSwitchOff: true,
  },
} as const satisfies Record<string, TKindDecl>;

/**
 * What a kind declares. `canSwitchOff: false` locks it on (money movements, urgent notices);
 * `urgent` comes through quiet hours and is shown as urgent; `defaultOn` (true when left out)
 * is the preference of whoever never changed it.
 */
type TKindDecl = { params: z.ZodType<Record<string, string | number>>; link: (ref: string) => string; canSwitchOff: boolean; urgent?: boolean; defaultOn?: boolean };

/** The rules of a kind, with the defaults filled in. */
export function kindRule(kind: TNotificationKind): { canSwitchOff: boolean; urgent: boolean; defaultOn: boolean } {
  const k: TKindDecl = NOTIFICATION_KINDS[kind];
  return { canSwitchOff: k.canSwitchOff, urgent: k.urgent ?? false, defaultOn: k.defaultOn ?? true };
}

export type TNotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as TNotificationKind[];

/** One notification to write: its kind decides the params' shape and the link. */
export type TNotificationInput = {
  [K in TNotificationKind]: {
    userId: string;
    kind: K;
    params: z.input<(typeof NOTIFICATION_KINDS)[K]["params"]>;
    /** What the link points at (a conversation id for chat); kinds with a fixed link ignore it. */
    ref?: string;
    dedupeKey?: string;
    /**
     * One entry per (person, groupKey), updated in place (kind, params, link, unread again)
     * by each later notification of the group: the steps of one order, one booking, one
     * conversation, one bill.
     */
    groupKey?: string;
  };
}[TNotificationKind];
