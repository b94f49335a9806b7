// The four tabs: where they live, their labels and icons.

import type { FunctionComponent } from "preact";
import type { MessageKey } from "../i18n/t";
import { ChatsIcon, ContactsIcon, DiscoverIcon, MeIcon, type TabIconProps } from "../ui/icons";

export type TabId = "chats" | "contacts" | "discover" | "me";

export interface TabDef {
  id: TabId;
  path: string;
  label: MessageKey;
  Icon: FunctionComponent<TabIconProps>;
}

export const TABS: readonly TabDef[] = [
  { id: "chats", path: "/chats", label: "tab.chats", Icon: ChatsIcon },
  { id: "contacts", path: "/contacts", label: "tab.contacts", Icon: ContactsIcon },
  { id: "discover", path: "/discover", label: "tab.discover", Icon: DiscoverIcon },
  { id: "me", path: "/me", label: "tab.me", Icon: MeIcon },
];

export function tabForPath(pathname: string): TabDef | undefined {
  return TABS.find((tab) => tab.path === pathname);
}
