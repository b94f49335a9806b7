// Moments messages: who liked, commented on or replied in my posts' threads, newest first;
// opening the page marks them all read.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { formatRelative } from "../i18n/format";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import * as momentsApi from "./api";
import { postPath } from "./AlbumPage";
import { HeartIcon } from "./icons";
import { PersonAvatar } from "./PersonAvatar";
import { refreshBadge } from "./store";
import { MOMENTS_PATH } from "./TimelinePage";
import type { MomentsNotification } from "./types";
import "./moments.css";

function NotificationRow({ item }: { item: MomentsNotification }) {
  return (
    <button
      type="button"
      class={item.read ? "moments-notice" : "moments-notice moments-notice--unread"}
      data-testid="moments-notification"
      data-kind={item.kind}
      onClick={() => navigate(postPath(item.post_id))}
    >
      <PersonAvatar person={item.actor} size={42} />
      <span class="moments-notice__main">
        <span class="moments-notice__name">{item.actor.display_name}</span>
        <span class="moments-notice__what">
          {item.kind === "like" ? <HeartIcon size={16} /> : item.comment_text}
        </span>
        <span class="moments-notice__time">{formatRelative(item.created_at)}</span>
      </span>
      {item.post_thumbnail_url ? (
        <img class="moments-notice__post" src={item.post_thumbnail_url} alt="" />
      ) : (
        <span class="moments-notice__post moments-notice__post--text">{item.post_excerpt}</span>
      )}
    </button>
  );
}

export function NotificationsPage() {
  const [items, setItems] = useState<MomentsNotification[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load(from: string | null) {
    setError(null);
    momentsApi.notifications(from).then((page) => {
      setItems((current) => (from === null ? page.items : [...(current ?? []), ...page.items]));
      setCursor(page.next_cursor);
      if (from === null) {
        void momentsApi
          .markNotificationsRead()
          .then(refreshBadge)
          .catch(() => undefined);
      }
    }, setError);
  }
  useEffect(() => load(null), []);

  let body;
  if (items === null && error !== null) body = <ErrorState title={t("moments.load_error")} message={errorMessage(error)} onRetry={() => load(null)} />;
  else if (items === null) body = <LoadingState />;
  else if (items.length === 0) body = <p class="moments-empty">{t("moments.notifications_empty")}</p>;
  else {
    body = (
      <div class="cells">
        {items.map((item) => (
          <NotificationRow key={item.id} item={item} />
        ))}
        {cursor !== null && (
          <button type="button" class="moments-notice-more" onClick={() => load(cursor)}>
            {t("moments.load_more")}
          </button>
        )}
      </div>
    );
  }

  return (
    <Page title={t("moments.notifications")} onBack={() => back(MOMENTS_PATH)} testid="moments-notifications">
      {body}
    </Page>
  );
}
