// The page a request asked for, as the custom server saw it: server components read it to
// send a signed-out visitor to sign-in with the page kept as the destination. Overwritten
// on every request (a client cannot choose it); Next's own `_rsc` cache-busting parameter
// is left out. The value is still only a candidate: app/_lib/destination.ts checks it.
export const REQUEST_PATH_HEADER = "x-quartier-path";

export function requestPath(url: string): string {
  const q = url.indexOf("?");
  if (q < 0 || !/[?&]_rsc=/.test(url)) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  params.delete("_rsc");
  const search = params.toString();
  return search ? `${url.slice(0, q)}?${search}` : url.slice(0, q);
}
