// Where to go after signing in: a destination carried through sign-in and sign-up as
// `callbackUrl`. Only a path on this site is accepted; anything else means the home page.
// Pure and client-safe (the sign-in page checks on the server, the forms use the result).

export const DEFAULT_DESTINATION = "/home";
export const CALLBACK_PARAM = "callbackUrl";

/** Pages that must never be a destination: sending someone back to them loops. */
const NOT_DESTINATIONS = ["/sign-in", "/sign-up", "/api"];
const ORIGIN = "http://quartier.invalid";
/** C0 controls, DEL, C1 controls, and the backslash (browsers read it as a slash). */
function hasUnsafeChar(s: string) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x5c) return true;
  }
  return false;
}

function looksOffSite(path: string) {
  return !path.startsWith("/") || path.startsWith("//") || hasUnsafeChar(path);
}

/**
 * The destination if it is a same-site relative path ("/notices/abc?x=1#y"), else "/home".
 * Refused: anything not starting with a single "/" ("//evil", "/\\evil", "https://…",
 * "javascript:…"), control characters or backslashes (also percent-encoded: "/%2F%2Fevil"),
 * the sign-in and sign-up pages (loops), the API, and overlong values.
 */
export function safeDestination(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return DEFAULT_DESTINATION;
  if (looksOffSite(raw)) return DEFAULT_DESTINATION;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return DEFAULT_DESTINATION;
  }
  if (looksOffSite(decoded)) return DEFAULT_DESTINATION;
  let url: URL;
  try {
    url = new URL(raw, ORIGIN);
  } catch {
    return DEFAULT_DESTINATION;
  }
  if (url.origin !== ORIGIN) return DEFAULT_DESTINATION;
  const path = url.pathname.toLowerCase();
  if (path === "/" || NOT_DESTINATIONS.some((p) => path === p || path.startsWith(`${p}/`))) return DEFAULT_DESTINATION;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A link to `page` ("/sign-in", "/sign-up") that keeps the destination, unless it is the default. */
export function withDestination(page: string, destination: unknown): string {
  const safe = safeDestination(destination);
  return safe === DEFAULT_DESTINATION ? page : `${page}?${CALLBACK_PARAM}=${encodeURIComponent(safe)}`;
}
