// A message's text as React text nodes: nothing a person typed is ever parsed as HTML.
// Web addresses (found by linkify-it) become links, http(s) only, opened in a new tab
// without a referrer or access to this window.
import { LinkifyIt } from "linkify-it";

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false }).add("mailto:", null).add("ftp:", null).add("//", null);

export type TPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** Splits text into plain parts and safe links (exported for tests). */
export function splitLinks(text: string): TPart[] {
  const matches = linkify.match(text) ?? [];
  const parts: TPart[] = [];
  let at = 0;
  for (const m of matches) {
    if (!/^https?:\/\//i.test(m.url)) continue;
    if (m.index > at) parts.push({ kind: "text", text: text.slice(at, m.index) });
    parts.push({ kind: "link", text: m.text, href: m.url });
    at = m.lastIndex;
  }
  if (at < text.length) parts.push({ kind: "text", text: text.slice(at) });
  return parts;
}

export function MessageText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((p, i) =>
        p.kind === "link" ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
