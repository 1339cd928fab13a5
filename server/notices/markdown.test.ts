// The notice body renderer against an XSS corpus: whatever a manager (or someone who took
// over a manager's account) writes, the HTML residents get has no script, no event handler,
// no dangerous URL, no remote image, no frame, no style.
import { describe, expect, it } from "vitest";
import { noticePlainText, renderNoticeMarkdown } from "./markdown";

const CORPUS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<iframe src=\"https://evil.example\"></iframe>",
  "<a href=\"javascript:alert(1)\">x</a>",
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x]( javascript:alert(1) )",
  "[x](&#106;avascript:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](file:///etc/passwd)",
  "![x](https://evil.example/track.png)",
  "![x](javascript:alert(1))",
  "<div style=\"background:url(javascript:alert(1))\">x</div>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "[a](https://ok.example \"title\" onclick=alert(1))",
  "<form action=javascript:alert(1)><button>x</button></form>",
  "<object data=\"javascript:alert(1)\"></object>",
  "<base href=\"javascript:/a/-alert(1)///////\">",
  "<<script>script>alert(1)<</script>/script>",
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  "<input autofocus onfocus=alert(1)>",
  "<a href=\"https://ok.example\" onmouseover=\"alert(1)\">hover</a>",
  "[x](https://ok.example)<img src=x onerror=alert(1)>",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
  "<link rel=stylesheet href=https://evil.example/x.css>",
  "<table><tr><td background=javascript:alert(1)>x</td></tr></table>",
];

/** Every tag in the output, with its attributes. */
function tags(html: string) {
  return [...html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
}

describe("notice Markdown → sanitised HTML", () => {
  for (const input of CORPUS) {
    it(`neutralises ${JSON.stringify(input).slice(0, 70)}`, () => {
      const html = renderNoticeMarkdown(input);
      for (const tag of tags(html)) {
        expect(["p", "br", "strong", "em", "s", "del", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"]).toContain(tag.name);
        expect(tag.attrs).not.toMatch(/\son[a-z]+\s*=/i);
        expect(tag.attrs).not.toMatch(/style\s*=/i);
        if (tag.name === "a") {
          const href = /href="([^"]*)"/.exec(tag.attrs)?.[1] ?? "";
          expect(href).toMatch(/^(https?:|mailto:|tel:)/);
          expect(tag.attrs).toContain('rel="noopener noreferrer nofollow"');
        }
      }
      expect(html).not.toMatch(/<(script|img|svg|iframe|style|object|form|input|meta|link|base|details|math)\b/i);
    });
  }

  it("keeps what a notice needs: emphasis, lists, links, headings under the title, tables, line breaks", () => {
    expect(renderNoticeMarkdown("# Water cut\n**Tuesday** 8:00–12:00\n\n- fill a bottle\n- [info](https://eau.example/cut)")).toBe(
      '<h3>Water cut</h3>\n<p><strong>Tuesday</strong> 8:00–12:00</p>\n<ul>\n<li>fill a bottle</li>\n<li><a href="https://eau.example/cut" rel="noopener noreferrer nofollow" target="_blank">info</a></li>\n</ul>\n',
    );
    expect(renderNoticeMarkdown("Call [the caretaker](tel:+33123456789) or [write](mailto:gardien@example.org)")).toContain('href="tel:+33123456789"');
  });

  it("gives a plain text summary without markup", () => {
    expect(noticePlainText("**Water** <script>x</script> [cut](https://a.example)")).toBe("Water <script>x</script> cut");
    expect(noticePlainText("a".repeat(300), 10)).toBe("aaaaaaaaa…");
  });
});
