"use client";
// Tabs that live in the URL (`?tab=<key>`): each tab is a link, so reload keeps it, Back goes
// to the previous tab (a click pushes a history entry), and a link can open a tab directly.
// A plain click changes the URL with history.pushState, which Next's router follows
// (useSearchParams updates, Back and Forward work) without asking the server for the page
// again; a middle or modified click opens the link as any link. The
// strip is a <nav> of links with aria-current="page" on the chosen one (not role="tablist": a
// link that changes the URL is navigation, not an in-page widget). On a narrow screen the strip
// scrolls sideways: a fade shows at the edge where more tabs hide, and the chosen tab is
// scrolled into view.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useLayoutEffect, useRef, useState } from "react";

/** The tab the URL names, or `fallback` when it names none of `tabs`. An old `#<tab>` link
 * (`/shop#promotions`) is turned into `?tab=<tab>` once, without a new history entry. */
export function useUrlTab<T extends string>(tabs: readonly T[], fallback: T): T {
  const asked = useSearchParams().get("tab");
  const pathname = usePathname();
  const router = useRouter();
  const current = tabs.find((k) => k === asked) ?? fallback;
  useEffect(() => {
    // Through the router: this effect runs before Next starts following history.replaceState.
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (!asked && hash && tabs.includes(hash as T)) router.replace(tabHref(pathname, hash), { scroll: false });
  }, [asked, pathname, router, tabs]);
  return current;
}

export function tabHref(pathname: string, key: string) {
  return `${pathname}?tab=${encodeURIComponent(key)}`;
}

// useLayoutEffect warns during server rendering; the strip only needs it in the browser.
const useIsoLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

export function UrlTabs<T extends string>({
  tabs,
  current,
  label,
  children,
}: {
  tabs: readonly T[];
  current: T;
  /** The nav's accessible name (the page's subject: the shop's or the building's name). */
  label: string;
  /** A tab's content (its name, and a count badge if any). */
  children: (key: T) => React.ReactNode;
}) {
  const pathname = usePathname();
  const strip = useRef<HTMLUListElement>(null);
  const [more, setMore] = useState({ start: false, end: false });

  const measure = () => setMore((m) => moreState(strip.current, m));

  // The chosen tab in view (centred when the strip scrolls), without moving the page itself.
  useIsoLayoutEffect(() => {
    reveal(strip.current);
    setMore((m) => moreState(strip.current, m));
  }, [current]);

  // The chosen tab stays in view when the strip or a tab changes size (a phone turned, a count
  // badge arriving after the page's first paint).
  useEffect(() => {
    const el = strip.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      reveal(el);
      setMore((m) => moreState(el, m));
    });
    observer.observe(el);
    for (const tab of el.children) observer.observe(tab);
    return () => observer.disconnect();
  }, []);

  return (
    <nav className="tabs-nav" aria-label={label} data-testid="tabs" data-more-start={more.start || undefined} data-more-end={more.end || undefined}>
      <ul className="tabs" ref={strip} onScroll={measure}>
        {tabs.map((key) => (
          <li key={key}>
            <a
              id={`tab-${key}`}
              href={tabHref(pathname, key)}
              onClick={(e) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                if (key !== current) window.history.pushState(null, "", tabHref(pathname, key));
              }}
              aria-current={key === current ? "page" : undefined}
              className={key === current ? "is-active" : undefined}
              data-tab={key}
            >
              {children(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function reveal(el: HTMLElement | null) {
  const active = el?.querySelector<HTMLElement>('[aria-current="page"]');
  if (el && active && el.scrollWidth > el.clientWidth) {
    const left = active.offsetLeft - el.offsetLeft - (el.clientWidth - active.offsetWidth) / 2;
    el.scrollLeft = Math.max(0, Math.min(left, el.scrollWidth - el.clientWidth));
  }
}

/** Whether tabs hide before / after the visible part of the strip (the same object when unchanged). */
function moreState(el: HTMLElement | null, was: { start: boolean; end: boolean }) {
  if (!el) return was;
  const start = el.scrollLeft > 2;
  const end = el.scrollLeft + el.clientWidth < el.scrollWidth - 2;
  return was.start === start && was.end === end ? was : { start, end };
}
