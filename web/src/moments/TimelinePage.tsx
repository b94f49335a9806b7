// Discover -> Moments: the cover with my name and avatar, the camera to post, the
// "N new messages" banner, and my friends' posts newest first, more as I scroll.

import { useEffect, useState } from "preact/hooks";
import type { Me } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t, tCount } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { CameraIcon, ImageIcon, LockIcon, MoreIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { Popover } from "../ui/Popover";
import { Spinner } from "../ui/Spinner";
import { ErrorState, LoadingState } from "../ui/States";
import * as momentsApi from "./api";
import { CommentIcon, RefreshIcon } from "./icons";
import { PersonAvatar } from "./PersonAvatar";
import { albumPath, PostCard } from "./PostCard";
import { badge, refreshBadge, unreadNotifications } from "./store";
import { usePostPages, type PostPages } from "./usePostPages";
import "./moments.css";

export const MOMENTS_PATH = "/discover/moments";

/** The cover at the top of the timeline and of an album: a name and a big avatar over it. */
export function Cover({ name, seed, avatar, onAvatar }: { name: string; seed: string; avatar: Me["avatar"]; onAvatar?: (() => void) | undefined }) {
  return (
    <div class="moments-cover" data-testid="moments-cover">
      <span class="moments-cover__name">{name}</span>
      <button type="button" class="moments-cover__avatar" onClick={onAvatar} disabled={!onAvatar}>
        <Avatar name={name} seed={seed} avatar={avatar} size={68} large />
      </button>
    </div>
  );
}

function NotificationsBanner() {
  const count = unreadNotifications.value;
  const actor = badge.value?.latest_actor ?? null;
  if (count === 0) return null;
  return (
    <button type="button" class="moments-banner" data-testid="moments-banner" onClick={() => navigate(`${MOMENTS_PATH}/notifications`)}>
      {actor && <PersonAvatar person={actor} size={28} />}
      <span>{tCount("moments.new_messages", count)}</span>
    </button>
  );
}

/** A list of posts with its loading, empty, error and "more" states. */
export function PostList({ pages, meId, empty }: { pages: PostPages; meId: string; empty: string }) {
  if (pages.posts === null && pages.error !== null) {
    return <ErrorState title={t("moments.load_error")} message={errorMessage(pages.error)} onRetry={pages.refresh} />;
  }
  if (pages.posts === null) return <LoadingState />;
  return (
    <>
      {pages.posts.length === 0 && <p class="moments-empty" data-testid="moments-empty">{empty}</p>}
      {pages.posts.map((post) => (
        <PostCard key={post.id} post={post} meId={meId} onChange={(updated) => pages.replace(post.id, updated)} />
      ))}
      {pages.hasMore && (
        <div class="moments-more" ref={pages.sentinel}>
          {pages.error !== null ? (
            <button type="button" class="link-button" onClick={pages.loadMore}>
              {t("common.retry")}
            </button>
          ) : (
            <Spinner size={20} />
          )}
        </div>
      )}
      {!pages.hasMore && pages.posts.length > 0 && <p class="moments-end">{t("moments.end")}</p>}
    </>
  );
}

export function TimelinePage({ me }: { me: Me }) {
  const pages = usePostPages(momentsApi.timeline, "timeline");
  const [menu, setMenu] = useState(false);

  useEffect(() => {
    void refreshBadge().catch(() => undefined);
  }, [pages.posts === null]);

  function refresh() {
    pages.refresh();
    void refreshBadge().catch(() => undefined);
  }

  return (
    <Page
      title={t("moments.title")}
      light
      onBack={() => back("/discover")}
      right={
        <>
          <button type="button" class="icon-button" aria-label={t("moments.refresh")} data-testid="moments-refresh" onClick={refresh}>
            {pages.loading && pages.posts !== null ? <Spinner size={18} /> : <RefreshIcon size={22} />}
          </button>
          <button type="button" class="icon-button" aria-label={t("moments.post")} data-testid="moments-camera" onClick={() => navigate(`${MOMENTS_PATH}/new`)}>
            <CameraIcon size={24} />
          </button>
          <button type="button" class="icon-button" aria-label={t("moments.more")} data-testid="moments-menu" onClick={() => setMenu(true)}>
            <MoreIcon size={24} />
          </button>
        </>
      }
      testid="moments-page"
    >
      <Cover name={me.display_name} seed={me.id} avatar={me.avatar} onAvatar={() => navigate(albumPath(me.id))} />
      <NotificationsBanner />
      <div class="moments-list">
        <PostList pages={pages} meId={me.id} empty={t("moments.timeline_empty")} />
      </div>
      {menu && (
        <Popover
          items={[
            { icon: <CommentIcon size={20} />, label: t("moments.notifications"), testid: "moments-menu-notifications", onSelect: () => navigate(`${MOMENTS_PATH}/notifications`) },
            { icon: <ImageIcon size={20} />, label: t("moments.my_album"), testid: "moments-menu-album", onSelect: () => navigate(albumPath(me.id)) },
            { icon: <LockIcon size={20} />, label: t("moments.settings"), testid: "moments-menu-settings", onSelect: () => navigate(`${MOMENTS_PATH}/settings`) },
          ]}
          onClose={() => setMenu(false)}
        />
      )}
    </Page>
  );
}
