// The console's store: who the developer is, their mini-programs (so the side bar can name the
// open one at once) and whether the caller reviews for the platform.

import { signal } from "@preact/signals";
import { ApiError } from "../../api/client";
import { getDeveloper, listApps, reviewQueue, type Developer, type MiniApp } from "./api";

/** undefined until asked; null when the caller has not registered as a developer. */
export const developer = signal<Developer | null | undefined>(undefined);
export const apps = signal<MiniApp[] | null>(null);
/** Known once the review queue answered (admins) or refused (everyone else). */
export const isAdmin = signal<boolean>(false);

export async function loadDeveloper(): Promise<Developer | null> {
  try {
    const found = await getDeveloper();
    developer.value = found;
    return found;
  } catch (caught) {
    if (caught instanceof ApiError && caught.code === "miniapps.not_developer") {
      developer.value = null;
      return null;
    }
    throw caught;
  }
}

export async function loadApps(): Promise<MiniApp[]> {
  const found = await listApps();
  apps.value = found;
  return found;
}

export function rememberApp(app: MiniApp): void {
  const known = apps.value ?? [];
  apps.value = known.some((item) => item.app_id === app.app_id)
    ? known.map((item) => (item.app_id === app.app_id ? app : item))
    : [app, ...known];
}

export function checkAdmin(): void {
  reviewQueue().then(
    () => {
      isAdmin.value = true;
    },
    () => {
      isAdmin.value = false;
    },
  );
}
