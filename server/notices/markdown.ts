// A notice's body: Markdown as the manager wrote it, rendered once (when written) to HTML
// that residents' browsers can show as is. Two independent layers, so that a bug in one is
// not a hole: markdown-it with raw HTML off, images off and links limited to http(s),
// mailto and tel; then sanitize-html with an allow-list of tags and attributes (no scripts,
// no event handlers, no styles, no remote images, no iframes).
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const SAFE_LINK = /^(?:https?:|mailto:|tel:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(["image"]);
// linkify hands "www.example.com" over as is (it becomes http://…).
md.validateLink = (url: string) => SAFE_LINK.test(url.trim()) || /^www\./i.test(url.trim());

const ALLOWED_TAGS = ["p", "br", "strong", "em", "s", "del", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "rel", "target"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  // Headings of a notice sit under the notice's own title: h1/h2 become h3, h5/h6 h4.
  transformTags: {
    h1: "h3",
    h2: "h3",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } }),
  },
};

/** Markdown → sanitised HTML (what the page puts in the DOM). */
export function renderNoticeMarkdown(source: string): string {
  const html = md.render(source);
  return sanitizeHtml(html, SANITIZE);
}

/** Plain text of a body (notifications, the printable version's fallback, search). */
export function noticePlainText(source: string, max = 200): string {
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
  const text = sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => entities[e] ?? e)
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
