// The Contacts tab: New friends (with a badge), Group chats, Tags, then friends by letter.

import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Friend } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t, tCount } from "../i18n/t";
import { OfficialAccountsIcon } from "../official/icons";
import { navigate } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { Badge } from "../ui/Badge";
import { Cell, CellGroup, CellIcon } from "../ui/Cell";
import { AddPersonIcon, GroupIcon, ScanIcon, TagIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { friends, loadFriends, loadRequests, pendingIncoming } from "./store";

/** The section a name sorts under: its first Latin letter, else "#". */
export function sectionOf(name: string): string {
  const first = name.trim().normalize("NFD").charAt(0).toUpperCase();
  return first >= "A" && first <= "Z" ? first : "#";
}

export function shownName(friend: Friend): string {
  return friend.remark || friend.account.display_name;
}

function FriendRow({ friend }: { friend: Friend }) {
  const name = shownName(friend);
  return (
    <button
      type="button"
      class="person-row person-row--link"
      data-testid="friend-item"
      data-account-id={friend.account.id}
      onClick={() => navigate(`/contacts/${friend.account.id}`)}
    >
      <Avatar name={name} seed={friend.account.id} avatar={friend.account.avatar} size={40} />
      <span class="person-row__name">{name}</span>
    </button>
  );
}

function FriendSections({ list }: { list: Friend[] }) {
  const sections = new Map<string, Friend[]>();
  const sorted = [...list].sort((a, b) => shownName(a).localeCompare(shownName(b)));
  for (const friend of sorted) {
    const letter = sectionOf(shownName(friend));
    sections.set(letter, [...(sections.get(letter) ?? []), friend]);
  }
  const letters = [...sections.keys()].sort((a, b) => (a === "#" ? 1 : b === "#" ? -1 : a.localeCompare(b)));
  const blocks: JSX.Element[] = letters.map((letter) => (
    <div key={letter} id={`section-${letter}`} class="friend-section">
      <div class="friend-section__letter">{letter}</div>
      <div class="cells">
        {(sections.get(letter) ?? []).map((friend) => (
          <FriendRow key={friend.account.id} friend={friend} />
        ))}
      </div>
    </div>
  ));
  return (
    <>
      {blocks}
      <p class="friend-count">{tCount("contacts.friend_count", list.length)}</p>
      {letters.length > 1 && (
        <nav class="letter-index" aria-label={t("contacts.index")}>
          {letters.map((letter) => (
            <button
              key={letter}
              type="button"
              onClick={() => document.getElementById(`section-${letter}`)?.scrollIntoView({ block: "start" })}
            >
              {letter}
            </button>
          ))}
        </nav>
      )}
    </>
  );
}

export function ContactsTab() {
  const [error, setError] = useState<unknown>(null);
  const list = friends.value;

  function load() {
    setError(null);
    loadFriends().catch(setError);
    loadRequests().catch(() => undefined);
  }
  useEffect(load, []);

  let body;
  if (list === null && error !== null) {
    body = <ErrorState title={t("contacts.load_error")} message={errorMessage(error)} onRetry={load} />;
  } else if (list === null) {
    body = <LoadingState />;
  } else if (list.length === 0) {
    body = <p class="friend-count">{t("contacts.no_friends")}</p>;
  } else {
    body = <FriendSections list={list} />;
  }

  return (
    <Page
      title={t("tab.contacts")}
      testid="contacts-page"
      right={
        <>
          <button
            type="button"
            class="icon-button"
            aria-label={t("contacts.scan")}
            data-testid="contacts-scan"
            onClick={() => navigate("/contacts/scan")}
          >
            <ScanIcon size={23} />
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label={t("contacts.add_friend")}
            data-testid="contacts-add"
            onClick={() => navigate("/contacts/search")}
          >
            <AddPersonIcon size={24} />
          </button>
        </>
      }
    >
      <div class="contacts-body">
        <CellGroup>
          <Cell
            icon={<CellIcon color="#FA9D3B"><AddPersonIcon size={22} /></CellIcon>}
            title={t("contacts.new_friends")}
            testid="contacts-new-friends"
            onClick={() => navigate("/contacts/new-friends")}
          >
            <Badge count={pendingIncoming.value} testid="contacts-new-friends-badge" />
          </Cell>
          <Cell
            icon={<CellIcon color="#07C160"><GroupIcon size={22} /></CellIcon>}
            title={t("contacts.group_chats")}
            testid="contacts-groups"
            onClick={() => navigate("/contacts/groups")}
          />
          <Cell
            icon={<CellIcon color="#10AEFF"><TagIcon size={22} /></CellIcon>}
            title={t("contacts.tags")}
            testid="contacts-tags"
            onClick={() => navigate("/contacts/tags")}
          />
          <Cell
            icon={<CellIcon color="#2782D7"><OfficialAccountsIcon size={22} /></CellIcon>}
            title={t("official.accounts")}
            testid="contacts-official"
            onClick={() => navigate("/official")}
          />
        </CellGroup>
        {body}
      </div>
    </Page>
  );
}
