// The client's IP as the custom server saw it. server/main.ts overwrites this header on
// every request, so a client cannot choose it (unless TRUST_PROXY lets a proxy set it).
export const CLIENT_IP_HEADER = "x-quartier-client-ip";

export function clientIp(headers: Record<string, unknown>): string {
  const v = headers[CLIENT_IP_HEADER];
  return typeof v === "string" && v ? v : "unknown";
}
