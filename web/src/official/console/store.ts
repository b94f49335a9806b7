// The console's store: the official accounts I operate (so the side bar can name the open one
// at once) and whether the caller reviews applications for the platform.

import { signal } from "@preact/signals";
import { mine, pendingApplications, type Application } from "./api";

export const accounts = signal<Application[] | null>(null);
/** Known once the review queue answered (admins) or refused (everyone else). */
export const isAdmin = signal<boolean>(false);

export async function loadAccounts(): Promise<Application[]> {
  const found = await mine();
  accounts.value = found;
  return found;
}

export function rememberAccount(account: Application): void {
  const known = accounts.value ?? [];
  accounts.value = known.some((item) => item.id === account.id)
    ? known.map((item) => (item.id === account.id ? account : item))
    : [account, ...known];
}

export function checkAdmin(): void {
  pendingApplications().then(
    () => {
      isAdmin.value = true;
    },
    () => {
      isAdmin.value = false;
    },
  );
}
