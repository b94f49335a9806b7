// Someone's Moments album (mine from Me, a friend's from their card): the cover, then their
// posts grouped by day as WeChat shows them, a day's date on the left.

import { useEffect } from "preact/hooks";
import type { Me } from "../api/types";
import { cards, loadCard } from "../contacts/store";
import { errorMessage } from "../i18n/errors";
import { lang } from "../i18n/store";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { CameraIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { Spinner } from "../ui/Spinner";
import { ErrorState, LoadingState } from "../ui/States";
import * as momentsApi from "./api";
import { Cover, MOMENTS_PATH } from "./TimelinePage";
import type { Post } from "./types";
import { usePostPages } from "./usePostPages";
import "./moments.css";

export function postPath(postId: string): string {
  return `${MOMENTS_PATH}/posts/${postId}`;
}

function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** "Today", "Yesterday", else the day and month ("30 Nov" / "11月30日"), with the year if not this one. */
function DayLabel({ iso }: { iso: string }) {
  const date = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(iso) === dayKey(today.toISOString())) return <span class="album-day__big">{t("moments.today")}</span>;
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return <span class="album-day__big">{t("moments.yesterday")}</span>;
  const day = new Intl.DateTimeFormat(lang.value, { day: "numeric" }).format(date);
  const month = new Intl.DateTimeFormat(lang.value, { month: "short" }).format(date);
  return (
    <>
      <span class="album-day__big">{lang.value === "zh-CN" ? day.replace("日", "") : day}</span>
      <span class="album-day__small">{month}</span>
      {date.getFullYear() !== today.getFullYear() && <span class="album-day__small">{date.getFullYear()}</span>}
    </>
  );
}

function groupByDay(posts: Post[]): Post[][] {
  const groups: Post[][] = [];
  for (const post of posts) {
    const last = groups[groups.length - 1];
    if (last?.[0] && dayKey(last[0].created_at) === dayKey(post.created_at)) last.push(post);
    else groups.push([post]);
  }
  return groups;
}

/** The posts by day; my own album starts with today (where the camera is) even when it has none. */
function albumDays(posts: Post[], mine: boolean): Post[][] {
  const days = groupByDay(posts);
  const first = days[0]?.[0];
  const startsToday = first !== undefined && dayKey(first.created_at) === dayKey(new Date().toISOString());
  return mine && !startsToday ? [[], ...days] : days;
}

function AlbumEntry({ post }: { post: Post }) {
  const cover = post.photos[0];
  return (
    <button type="button" class="album-entry" data-testid="album-entry" data-post-id={post.id} onClick={() => navigate(postPath(post.id))}>
      {cover && (
        <span class="album-entry__photo">
          <img src={cover.thumbnail_url} alt="" loading="lazy" />
        </span>
      )}
      <span class={cover ? "album-entry__text" : "album-entry__text album-entry__text--only"}>
        {post.text || post.link?.title || ""}
        {post.photos.length > 1 && <span class="album-entry__count">{t("moments.photo_count", { count: post.photos.length })}</span>}
      </span>
    </button>
  );
}

export function AlbumPage({ accountId, me }: { accountId: string; me: Me }) {
  const mine = accountId === me.id;
  const pages = usePostPages((cursor) => momentsApi.album(accountId, cursor), accountId);
  const card = cards.value.get(accountId);

  useEffect(() => {
    if (!mine) void loadCard(accountId).catch(() => undefined);
  }, [accountId]);

  const name = mine ? me.display_name : (card?.remark || card?.display_name || "");
  let body;
  if (pages.posts === null && pages.error !== null) {
    body = <ErrorState title={t("moments.load_error")} message={errorMessage(pages.error)} onRetry={pages.refresh} />;
  } else if (pages.posts === null) {
    body = <LoadingState />;
  } else {
    body = (
      <>
        {pages.posts.length === 0 && !mine && <p class="moments-empty" data-testid="moments-empty">{t("moments.album_empty")}</p>}
        {albumDays(pages.posts, mine).map((group, index) => (
          <div key={group[0]?.id ?? "today"} class="album-day" data-testid="album-day">
            <div class="album-day__date"><DayLabel iso={group[0]?.created_at ?? new Date().toISOString()} /></div>
            <div class="album-day__posts">
              {mine && index === 0 && (
                <button type="button" class="album-entry album-entry--new" aria-label={t("moments.post")} data-testid="album-new" onClick={() => navigate(`${MOMENTS_PATH}/new`)}>
                  <span class="album-entry__photo album-entry__photo--add">
                    <CameraIcon size={32} />
                  </span>
                </button>
              )}
              {group.map((post) => (
                <AlbumEntry key={post.id} post={post} />
              ))}
            </div>
          </div>
        ))}
        {pages.hasMore && (
          <div class="moments-more" ref={pages.sentinel}>
            <Spinner size={20} />
          </div>
        )}
      </>
    );
  }

  return (
    <Page title={mine ? t("moments.my_album") : name} onBack={() => back(mine ? "/me" : `/contacts/${accountId}`)} light testid="album-page">
      <Cover
        name={name}
        seed={accountId}
        avatar={mine ? me.avatar : (card?.avatar ?? null)}
        onAvatar={mine ? undefined : () => navigate(`/contacts/${accountId}`)}
      />
      <div class="album">{body}</div>
    </Page>
  );
}
