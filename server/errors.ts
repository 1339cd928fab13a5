// Application errors: services throw AppError with a code; the tRPC error formatter
// (server/trpc.ts) maps each code to a tRPC code and passes the code to the client,
// which shows the translated message `errors.<code>`.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

export const APP_ERROR_CODES = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  EMAIL_TAKEN: "CONFLICT",
  WRONG_PASSWORD: "BAD_REQUEST",
  INVITE_INVALID: "BAD_REQUEST",
  ALREADY_MEMBER: "CONFLICT",
  REQUEST_PENDING: "CONFLICT",
  UNIT_EXISTS: "CONFLICT",
  NOT_PENDING: "CONFLICT",
  UNIT_IN_USE: "CONFLICT",
  INSUFFICIENT_FUNDS: "BAD_REQUEST",
  IDEMPOTENCY_MISMATCH: "CONFLICT",
  PAYMENTS_UNAVAILABLE: "PRECONDITION_FAILED",
  PAYMENT_FAILED: "BAD_REQUEST",
  BILL_ALREADY_PAID: "CONFLICT",
  BILL_NOT_PAID: "CONFLICT",
  ALREADY_REFUNDED: "CONFLICT",
  REFERENCE_TAKEN: "CONFLICT",
  CSV_INVALID: "BAD_REQUEST",
  IMPORT_CONFLICT: "CONFLICT",
  PHOTO_INVALID: "BAD_REQUEST",
  PHOTO_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  SHOP_NOT_APPROVED: "FORBIDDEN",
  NAME_TAKEN: "CONFLICT",
  OUT_OF_STOCK: "CONFLICT",
  PRODUCT_UNAVAILABLE: "CONFLICT",
  BELOW_MINIMUM: "BAD_REQUEST",
  WINDOW_CLOSED: "BAD_REQUEST",
  NOT_DELIVERED_HERE: "BAD_REQUEST",
  ORDER_STATE: "CONFLICT",
  QR_EXPIRED: "PRECONDITION_FAILED",
  QR_ALREADY_PAID: "CONFLICT",
  OWN_SHOP: "BAD_REQUEST",
  CHAT_BLOCKED: "FORBIDDEN",
  OVER_CAPACITY: "BAD_REQUEST",
  NO_POSITION: "BAD_REQUEST",
  PARKING_IMPORT_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  PARKING_IMPORT_TOO_MANY: "BAD_REQUEST",
  PARKING_IMPORT_UNREADABLE: "BAD_REQUEST",
  PARKING_IMPORT_INVALID: "BAD_REQUEST",
  PARKING_IMPORT_CONFLICT: "CONFLICT",
  INTERNAL: "INTERNAL_SERVER_ERROR",
} as const satisfies Record<string, TRPC_ERROR_CODE_KEY>;

export type TAppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  constructor(
    public readonly code: TAppErrorCode,
    message?: string,
    /** Values for the translated message, e.g. { seconds: 30 }. */
    public readonly params?: Record<string, string | number>,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
