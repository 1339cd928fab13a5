// The Content-Security-Policy of every page (issue 16): scripts only with this response's
// nonce (Next.js reads it from the request's own `content-security-policy` header and puts it
// on its script tags; 'strict-dynamic' lets those scripts load the app's chunks), nothing
// from other origins but the configured map tiles, no framing, no plugins, forms and <base>
// to this site only. HSTS when the public address is https.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export type TCspOptions = { mapTileUrl: string; publicUrl: string | undefined; isDev: boolean };

/** The origin a tile URL template loads from, as a CSP source ("https://*.tile.example" for {s}), or null for none. */
export function tileSource(template: string): string | null {
  const m = /^(https?):\/\/([^/]+)/.exec(template);
  if (!m) return null;
  const host = m[2]!.replace(/\{[^}]*\}/g, "*");
  return `${m[1]}://${host}`;
}

export function contentSecurityPolicy(nonce: string, o: TCspOptions): string {
  const tiles = tileSource(o.mapTileUrl);
  return [
    "default-src 'self'",
    // Next's dev server evaluates modules (React Refresh); production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${o.isDev ? " 'unsafe-eval'" : ""}`,
    // React's style attributes and Leaflet's positioning write inline styles.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ""}`,
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Stamps a page request and its response with a fresh nonce's policy (and HSTS on https). */
export function stampSecurityHeaders(req: IncomingMessage, res: ServerResponse, o: TCspOptions) {
  const policy = contentSecurityPolicy(randomBytes(16).toString("base64"), o);
  req.headers["content-security-policy"] = policy;
  res.setHeader("Content-Security-Policy", policy);
  if (o.publicUrl?.startsWith("https://")) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
