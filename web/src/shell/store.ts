// The shell store: server meta (name, version, dev outbox) and the one toast on screen.

import { signal } from "@preact/signals";
import { fetchMeta } from "../api/meta";
import type { Meta } from "../api/types";

export const meta = signal<Meta | null>(null);

export async function loadMeta(): Promise<void> {
  try {
    meta.value = await fetchMeta();
  } catch {
    // Meta only adds hints (version, dev outbox); the app works without it.
  }
}

export interface Toast {
  id: number;
  text: string;
  /** A tick for "done", a warning sign for "that did not work". */
  icon: "done" | "warning";
}

export const toast = signal<Toast | null>(null);

const TOAST_MS = 1800;

export function showToast(text: string, icon: Toast["icon"] = "done"): void {
  const id = (toast.value?.id ?? 0) + 1;
  toast.value = { id, text, icon };
  window.setTimeout(() => {
    if (toast.value?.id === id) toast.value = null;
  }, TOAST_MS);
}
