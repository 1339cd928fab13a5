// Page titles that name the thing on the page ("Primeur de la Croix-Rousse · Quartier": the
// root layout adds " · Quartier"). A title is read through the same in-process procedure as the
// page, so it shows only what the caller may see; a thing that is missing, not theirs, or a
// signed-out caller gets the page's generic title instead: a title never fails a page.
import "server-only";
import { TRPCError } from "@trpc/server";
import { cache } from "react";
import { serverApi } from "./server";

type TApi = Awaited<ReturnType<typeof serverApi>>;

/** What `read` returns, or null when the procedure refuses (NOT_FOUND, FORBIDDEN, UNAUTHORIZED, BAD_REQUEST…). */
export async function readForTitle<T>(read: (api: TApi) => Promise<T>): Promise<T | null> {
  try {
    return await read(await cachedApi());
  } catch (e) {
    if (e instanceof TRPCError) return null;
    throw e;
  }
}

// One caller per request for all of a page's titles.
const cachedApi = cache(serverApi);

/**
 * A resident's notice, for its title. Not through `notices.get`: opening a notice marks it seen,
 * which is the page's doing, not its title's. The lists (current, then archive) read only.
 */
export async function noticeForTitle(id: string) {
  const current = await readForTitle((api) => api.notices.list({ archive: false }));
  const found = current?.find((n) => n.id === id);
  if (found || !current) return found ?? null;
  return (await readForTitle((api) => api.notices.list({ archive: true })))?.find((n) => n.id === id) ?? null;
}
