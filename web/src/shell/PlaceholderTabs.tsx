// The tabs that arrive with later releases: a header and a friendly empty state.

import { t } from "../i18n/t";
import { ChatsIcon, ContactsIcon, DiscoverIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { EmptyState } from "./EmptyState";

export function ChatsTab() {
  return (
    <Page title={t("tab.chats")} testid="chats-page">
      <EmptyState
        icon={<ChatsIcon size={44} />}
        title={t("empty.chats.title")}
        body={t("empty.chats.body")}
        badge={t("empty.coming_soon")}
      />
    </Page>
  );
}

export function ContactsTab() {
  return (
    <Page title={t("tab.contacts")} testid="contacts-page">
      <EmptyState
        icon={<ContactsIcon size={44} />}
        title={t("empty.contacts.title")}
        body={t("empty.contacts.body")}
        badge={t("empty.coming_soon")}
      />
    </Page>
  );
}

export function DiscoverTab() {
  return (
    <Page title={t("tab.discover")} testid="discover-page">
      <EmptyState
        icon={<DiscoverIcon size={44} />}
        title={t("empty.discover.title")}
        body={t("empty.discover.body")}
        badge={t("empty.coming_soon")}
      />
    </Page>
  );
}
