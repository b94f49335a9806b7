// My tags, each with the friends that carry it.

import { useEffect, useState } from "preact/hooks";
import type { TagCount } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { CellGroup } from "../ui/Cell";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { listTags } from "./api";
import { shownName } from "./ContactsTab";
import { friends, loadFriends } from "./store";

export function TagsPage() {
  const [tags, setTags] = useState<TagCount[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    listTags().then(setTags, setError);
    void loadFriends().catch(() => undefined);
  }
  useEffect(load, []);

  let body;
  if (tags === null && error !== null) body = <ErrorState title={t("contacts.tags_error")} message={errorMessage(error)} onRetry={load} />;
  else if (tags === null) body = <LoadingState />;
  else if (tags.length === 0) body = <p class="friend-count">{t("contacts.no_tags")}</p>;
  else {
    body = tags.map((tag) => (
      <CellGroup key={tag.name} title={`${tag.name} (${tag.count})`}>
        {(friends.value ?? [])
          .filter((friend) => friend.tags.includes(tag.name))
          .map((friend) => (
            <button
              key={friend.account.id}
              type="button"
              class="person-row person-row--link"
              onClick={() => navigate(`/contacts/${friend.account.id}`)}
            >
              <Avatar name={shownName(friend)} seed={friend.account.id} avatar={friend.account.avatar} size={40} />
              <span class="person-row__name">{shownName(friend)}</span>
            </button>
          ))}
      </CellGroup>
    ));
  }
  return (
    <Page title={t("contacts.tags")} onBack={() => back("/contacts")} testid="tags-page">
      {body}
    </Page>
  );
}
