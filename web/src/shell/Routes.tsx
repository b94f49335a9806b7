// Which screen a path shows, once signed in with a complete profile.

import type { JSX } from "preact";
import { useEffect } from "preact/hooks";
import type { Me } from "../api/types";
import { DeleteAccountPage } from "../identity/me/DeleteAccountPage";
import { DevicesPage } from "../identity/me/DevicesPage";
import { EditFieldPage } from "../identity/me/EditFieldPage";
import { MeTab } from "../identity/me/MeTab";
import { ProfilePage } from "../identity/me/ProfilePage";
import { LanguagePage } from "../i18n/LanguagePage";
import { ChatsTab, ContactsTab, DiscoverTab } from "./PlaceholderTabs";
import { navigate, path } from "./router";
import { TabBar } from "./TabBar";
import { tabForPath, type TabId } from "./tabs";

export const HOME = "/chats";

function tabPage(tab: TabId, me: Me): JSX.Element {
  switch (tab) {
    case "chats":
      return <ChatsTab />;
    case "contacts":
      return <ContactsTab />;
    case "discover":
      return <DiscoverTab />;
    case "me":
      return <MeTab me={me} />;
  }
}

const SUB_PAGES: Record<string, (me: Me) => JSX.Element> = {
  "/me/profile": (me) => <ProfilePage me={me} />,
  "/me/profile/name": (me) => <EditFieldPage me={me} field="display_name" />,
  "/me/profile/plaza-id": (me) => <EditFieldPage me={me} field="plaza_id" />,
  "/me/profile/bio": (me) => <EditFieldPage me={me} field="bio" />,
  "/me/profile/region": (me) => <EditFieldPage me={me} field="region" />,
  "/me/language": () => <LanguagePage />,
  "/me/devices": () => <DevicesPage />,
  "/me/delete": (me) => <DeleteAccountPage me={me} />,
};

export function Routes({ me }: { me: Me }) {
  const current = path.value;
  const tab = tabForPath(current);
  const subPage = SUB_PAGES[current];
  const known = tab !== undefined || subPage !== undefined;

  useEffect(() => {
    if (!known) navigate(HOME, { replace: true });
  }, [known]);

  if (subPage) {
    return (
      <div class="screen screen--pushed" key={current}>
        {subPage(me)}
      </div>
    );
  }
  const tabId = tab?.id ?? "chats";
  return (
    <div class="screen screen--tabs">
      <div class="screen__main">{tabPage(tabId, me)}</div>
      <TabBar active={tabId} />
    </div>
  );
}
