// The language store: follows navigator.language until the user picks one in Me,
// then remembers the choice in localStorage.

import { effect, signal } from "@preact/signals";

export type Lang = "en" | "zh-CN";

export const LANGS: readonly Lang[] = ["en", "zh-CN"];

const STORAGE_KEY = "plaza.lang";

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

function fromBrowser(): Lang {
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("zh")) return "zh-CN";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // No storage: follow the browser.
  }
  return fromBrowser();
}

export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // The choice then lasts as long as the page.
  }
}

/** Keeps `<html lang>` in step with the store; returns the disposer. */
export function bindDocumentLang(): () => void {
  return effect(() => {
    document.documentElement.lang = lang.value;
  });
}
