"use client";
// Tabs that live in the URL (`?tab=<key>`): each tab is a link, so reload keeps it, Back goes
// to the previous tab (a click pushes a history entry), and a link can open a tab directly.
// A plain click changes the URL with history.pushState, which Next's router follows
// (useSearchParams updates, Back and Forward work) without asking the server for the page
// again; a middle or modified click opens the link as any link. The
// strip is a <nav> of links with aria-current="page" on the chosen one (not role="tablist": a
// link that changes the URL is navigation, not an in-page widget). On a narrow screen the strip
// scrolls sideways: a fade shows at the edge where more tabs hide, and the chosen tab is
// scrolled into view. A tab may hold a second level of its own (`?tab=bills&view=list`), drawn
// as a segmented control by the same component with `param="view"`.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";

/** The tab the URL names, or `fallback` when it names none of `tabs`. An old `#<tab>` link
 * (`/shop#promotions`) is turned into `?tab=<tab>` once, without a new history entry.
 * `param` names a second level inside a tab (`?tab=bills&view=list`): same rules, its own key. */
export function useUrlTab<T extends string>(tabs: readonly T[], fallback: T, param = "tab"): T {
  const asked = new URLSearchParams(useLocationSearch()).get(param);
  const pathname = usePathname();
  const router = useRouter();
  const current = tabs.find((k) => k === asked) ?? fallback;
  useEffect(() => {
    if (param !== "tab") return;
    // Through the router: this effect runs before Next starts following history.replaceState.
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (!asked && hash && tabs.includes(hash as T)) router.replace(tabHref(pathname, hash), { scroll: false });
  }, [asked, pathname, router, tabs, param]);
  return current;
}

/**
 * The address's query as the browser has it. Next's `useSearchParams()` can lag behind the
 * address after Back/Forward across a reload (history entries made by an earlier document):
 * the tab then would not follow the URL. Read from `window.location` (on popstate, and on
 * every render, which Next's own navigations cause), from Next's on the server.
 */
/** One query parameter as the address has it now (see useLocationSearch). */
export function useUrlParam(name: string): string | null {
  return new URLSearchParams(useLocationSearch()).get(name);
}

function useLocationSearch(): string {
  const fromRouter = useSearchParams().toString();
  return useSyncExternalStore(subscribePopState, () => window.location.search.replace(/^\?/, ""), () => fromRouter);
}

function subscribePopState(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

/** What a page's query names as its subject (a merchant's shop): kept by every tab link. */
const SUBJECT_PARAMS = ["shop"] as const;

/** A tab's address. The top level (`tab`) starts afresh but for the page's subject
 * (`?shop=…`): a view chosen inside another tab is left behind. A second level (`view`) keeps
 * the rest of the query (the tab it lives in). */
export function tabHref(pathname: string, key: string, param = "tab", current?: URLSearchParams | null) {
  if (param === "tab") {
    const query = new URLSearchParams();
    for (const name of SUBJECT_PARAMS) {
      const value = current?.get(name);
      if (value) query.set(name, value);
    }
    query.set("tab", key);
    return `${pathname}?${query.toString()}`;
  }
  const query = new URLSearchParams(current ?? undefined);
  query.set(param, key);
  return `${pathname}?${query.toString()}`;
}

// useLayoutEffect warns during server rendering; the strip only needs it in the browser.
const useIsoLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

export function UrlTabs<T extends string>({
  tabs,
  current,
  label,
  param = "tab",
  isSegmented = false,
  testId = "tabs",
  children,
}: {
  tabs: readonly T[];
  current: T;
  /** The nav's accessible name (the page's subject: the shop's or the building's name). */
  label: string;
  /** The query parameter it sets: `tab`, or a second level such as `view`. */
  param?: string;
  /** Drawn as a segmented control (a second level, under a tab strip). */
  isSegmented?: boolean;
  testId?: string;
  /** A tab's content (its name, and a count badge if any). */
  children: (key: T) => React.ReactNode;
}) {
  const pathname = usePathname();
  const search = new URLSearchParams(useLocationSearch());
  const href = (key: string) => tabHref(pathname, key, param, search);
  const idOf = (key: string) => (param === "tab" ? `tab-${key}` : `${param}-${key}`);
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
    <nav
      className={isSegmented ? "tabs-nav is-segmented" : "tabs-nav"}
      aria-label={label}
      data-testid={testId}
      data-more-start={more.start || undefined}
      data-more-end={more.end || undefined}
    >
      <ul className="tabs" ref={strip} onScroll={measure}>
        {tabs.map((key) => (
          <li key={key}>
            <a
              id={idOf(key)}
              href={href(key)}
              onClick={(e) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                if (key !== current) window.history.pushState(null, "", href(key));
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
