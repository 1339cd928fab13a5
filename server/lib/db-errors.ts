// What a failed Prisma call means, for the services that turn database refusals into
// answers (a unique index saying "already there", a conditional update finding no row).

type TPrismaError = { code?: string; message?: string; meta?: { code?: string; driverAdapterError?: { cause?: { kind?: string } } } };

/**
 * A unique index refused the write: P2002 from model queries; a raw statement (P2010) says it
 * through the driver adapter; a statement on the driver itself (sqlOf) with the driver's code.
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as TPrismaError | null;
  return (
    err?.code === "P2002" ||
    err?.code === "23505" ||
    err?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    err?.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    (err?.code === "P2010" && (err.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" || err.meta?.code === "23505" || /UNIQUE constraint failed/i.test(err.message ?? "")))
  );
}

/** An update or delete whose `where` matched no row (P2025). */
export const isRecordNotFound = (e: unknown): boolean => (e as TPrismaError | null)?.code === "P2025";
