// A state-changing request must come from this site's own pages (on top of SameSite
// cookies): a browser says where a request comes from in Sec-Fetch-Site, or else in Origin.
// Requests that carry neither are not from a browser, so they carry no one's cookies by
// accident (scripts, the tests, the sensor feed); they are let through and checked like any
// other. The sensor feed and the payment provider's webhook authenticate otherwise and are
// not asked.
import type { IncomingMessage } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Paths called by other servers, with their own credentials (an API key, a signature). */
const SERVER_TO_SERVER = ["/api/parking/occupancy", "/api/payments/webhook/"];

/** Why a request is refused as cross-site, or null when it may go on. */
export function crossSiteProblem(req: IncomingMessage, path: string, publicUrl: string | undefined): string | null {
  if (SAFE_METHODS.has(req.method ?? "GET")) return null;
  if (SERVER_TO_SERVER.some((p) => path === p || (p.endsWith("/") && path.startsWith(p)))) return null;
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") return site === "same-origin" || site === "none" ? null : `a ${site} request`;
  const origin = req.headers.origin;
  if (typeof origin !== "string") return null;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return "an unreadable Origin";
  }
  const allowed = [req.headers.host, publicUrl ? new URL(publicUrl).host : undefined];
  return allowed.includes(host) ? null : `a request from ${host}`;
}
