// A small history-API router: enough for a dozen screens without a routing library.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

const listeners = new Set<() => void>();
let lastNavigation = 0;
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
window.addEventListener("popstate", () => {
  lastNavigation = Date.now();
  listeners.forEach((l) => l());
});

const snapshot = () => location.pathname + location.search;

export function navigate(to: string, { replace = false } = {}) {
  if (to === snapshot()) return;
  history[replace ? "replaceState" : "pushState"](null, "", to);
  lastNavigation = Date.now();
  window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

/** True shortly after an in-app navigation, so the new page can take focus (not on first load). */
export const justNavigated = () => Date.now() - lastNavigation < 2000;

export function useLocation() {
  const full = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(full, location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

/** Matches "/tracks/:slug" against a path; returns the params or null. */
export function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; current?: boolean };

/** An <a> that navigates in-app; modifier clicks still open new tabs. */
export function Link({ href, current, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target || !href.startsWith("/")) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} aria-current={current ? "page" : undefined} onClick={handle} {...rest} />;
}
