// Client-side routing on the History API: the path is a signal; navigate() pushes or
// replaces; back() pops when the app pushed something, else goes to a fallback.

import { signal } from "@preact/signals";

interface NavState {
  depth: number;
}

function currentDepth(): number {
  const state = history.state as Partial<NavState> | null;
  return typeof state?.depth === "number" ? state.depth : 0;
}

function normalise(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
}

export const path = signal<string>(normalise(location.pathname));

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = normalise(to);
  if (options.replace) {
    history.replaceState({ depth: currentDepth() } satisfies NavState, "", target);
  } else {
    if (target === path.value) return;
    history.pushState({ depth: currentDepth() + 1 } satisfies NavState, "", target);
  }
  path.value = target;
}

/** Go back one screen; `fallback` is where to go when the app was opened on this screen. */
export function back(fallback: string): void {
  if (currentDepth() > 0) history.back();
  else navigate(fallback, { replace: true });
}

/** Follows the browser's back and forward buttons; returns the disposer. */
export function bindHistory(): () => void {
  const onPopState = () => {
    path.value = normalise(location.pathname);
  };
  window.addEventListener("popstate", onPopState);
  return () => window.removeEventListener("popstate", onPopState);
}

const RETURN_KEY = "plaza.return_to";

/** Remembers a deep link (a QR code's /u/... or /join/...) to open after signing in. */
export function rememberReturnPath(pathname: string): void {
  try {
    sessionStorage.setItem(RETURN_KEY, pathname);
  } catch {
    // Without storage the link is simply lost.
  }
}

export function takeReturnPath(): string | null {
  try {
    const value = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    return value;
  } catch {
    return null;
  }
}
