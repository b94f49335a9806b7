// One Moments post: avatar, name, text, photos, link card, location, time, the "…" action
// (Like / Comment), the likes row and the comments ("A reply B: text"), with a comment bar.
// User text is rendered as text; a link card only links to https: pages or app paths.

import { useEffect, useRef, useState } from "preact/hooks";
import { formatRelative } from "../i18n/format";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { ActionSheet } from "../ui/ActionSheet";
import { Dialog } from "../ui/Dialog";
import { FieldError } from "../ui/FieldError";
import { MoreIcon } from "../ui/icons";
import { useAction } from "../ui/useAction";
import * as momentsApi from "./api";
import { CommentIcon, HeartIcon, LocationIcon } from "./icons";
import { clientId, isAppPath, isSafeLink } from "./links";
import { PersonAvatar } from "./PersonAvatar";
import { PhotoGrid } from "./PhotoGrid";
import type { AccountRef, Comment, Post, PostLink } from "./types";

/** As the server's COMMENT_MAX. */
const COMMENT_MAX = 500;

export function albumPath(accountId: string): string {
  return `/discover/moments/album/${accountId}`;
}

function Name({ person }: { person: AccountRef }) {
  return (
    <button type="button" class="moment-name" onClick={() => navigate(albumPath(person.id))}>
      {person.display_name}
    </button>
  );
}

function LinkCard({ link }: { link: PostLink }) {
  const body = (
    <>
      {link.cover_url && isSafeLink(link.cover_url) ? (
        <img class="moment-link__cover" src={link.cover_url} alt="" />
      ) : (
        <span class="moment-link__cover moment-link__cover--blank" />
      )}
      <span class="moment-link__title">{link.title}</span>
    </>
  );
  if (!isSafeLink(link.url)) {
    return (
      <div class="moment-link" data-testid="moment-link">
        {body}
      </div>
    );
  }
  if (isAppPath(link.url)) {
    return (
      <button type="button" class="moment-link" data-testid="moment-link" onClick={() => navigate(link.url)}>
        {body}
      </button>
    );
  }
  return (
    <a class="moment-link" href={link.url} target="_blank" rel="noopener noreferrer" data-testid="moment-link">
      {body}
    </a>
  );
}

function CommentLine({ comment, onTap }: { comment: Comment; onTap: () => void }) {
  return (
    <button type="button" class="moment-comment" data-testid="moment-comment" onClick={onTap}>
      <span class="moment-comment__name">{comment.author.display_name}</span>
      {comment.reply_to && (
        <>
          {` ${t("moments.reply")} `}
          <span class="moment-comment__name">{comment.reply_to.display_name}</span>
        </>
      )}
      {t("moments.comment_separator")}
      <span class="moment-comment__text">{comment.text}</span>
    </button>
  );
}

export interface PostCardProps {
  post: Post;
  meId: string;
  /** The post as the server now has it, or null once deleted. */
  onChange: (post: Post | null) => void;
}

export function PostCard({ post, meId, onChange }: PostCardProps) {
  const [menu, setMenu] = useState(false);
  const [commenting, setCommenting] = useState<{ replyTo: Comment | null } | null>(null);
  const [draft, setDraft] = useState("");
  const [commentMenu, setCommentMenu] = useState<Comment | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { busy, error, run } = useAction();
  const actionsAnchor = useRef<HTMLDivElement>(null);

  // The Like / Comment menu closes on a tap anywhere else, as WeChat's does.
  useEffect(() => {
    if (!menu) return;
    const close = (event: PointerEvent) => {
      if (!actionsAnchor.current?.contains(event.target as Node)) setMenu(false);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [menu]);


  const toggleLike = () =>
    run(async () => onChange(post.liked_by_me ? await momentsApi.unlike(post.id) : await momentsApi.like(post.id)));

  const sendComment = () =>
    run(async () => {
      const text = draft.trim();
      if (!text) return;
      const updated = await momentsApi.comment(post.id, {
        client_id: clientId(),
        text,
        reply_to: commenting?.replyTo?.id ?? null,
      });
      setDraft("");
      setCommenting(null);
      onChange(updated);
    });

  function tapComment(comment: Comment) {
    if (comment.author.id === meId || comment.can_delete) setCommentMenu(comment);
    else setCommenting({ replyTo: comment });
  }

  const hasInteractions = post.likes.length > 0 || post.comments.length > 0;

  return (
    <article class="moment" data-testid="moment" data-post-id={post.id}>
      <button type="button" class="moment__avatar" onClick={() => navigate(albumPath(post.author.id))}>
        <PersonAvatar person={post.author} size={42} />
      </button>
      <div class="moment__main">
        <Name person={post.author} />
        {post.text && (
          <p class="moment__text" data-testid="moment-text">
            {post.text}
          </p>
        )}
        <PhotoGrid photos={post.photos} />
        {post.link && <LinkCard link={post.link} />}
        {post.location && (
          <p class="moment__location" data-testid="moment-location">
            <LocationIcon size={13} />
            {post.location.name}
          </p>
        )}
        <div class="moment__meta">
          <span class="moment__time">{formatRelative(post.created_at)}</span>
          {post.audience && post.audience.kind !== "friends" && (
            <span class="moment__audience">{t(`moments.audience.${post.audience.kind}`)}</span>
          )}
          {post.can_delete && (
            <button type="button" class="moment__delete" data-testid="moment-delete" onClick={() => setConfirmDelete(true)}>
              {t("moments.delete")}
            </button>
          )}
          <span class="moment__spacer" />
          <div class="moment__actions-anchor" ref={actionsAnchor}>
            {menu && (
              <div class="moment-actions" role="menu" data-testid="moment-actions">
                <button
                  type="button"
                  role="menuitem"
                  data-testid="moment-like"
                  disabled={busy}
                  onClick={() => {
                    setMenu(false);
                    void toggleLike();
                  }}
                >
                  <HeartIcon size={18} />
                  {post.liked_by_me ? t("moments.unlike") : t("moments.like")}
                </button>
                <button
                  type="button"
                  role="menuitem"
                  data-testid="moment-comment-open"
                  onClick={() => {
                    setMenu(false);
                    setCommenting({ replyTo: null });
                  }}
                >
                  <CommentIcon size={18} />
                  {t("moments.comment")}
                </button>
              </div>
            )}
            <button
              type="button"
              class="moment__more"
              aria-label={t("moments.actions")}
              aria-expanded={menu}
              data-testid="moment-more"
              onClick={() => setMenu(!menu)}
            >
              <MoreIcon size={18} />
            </button>
          </div>
        </div>
        {hasInteractions && (
          <div class="moment-interactions" data-testid="moment-interactions">
            {post.likes.length > 0 && (
              <p class="moment-likes" data-testid="moment-likes">
                <HeartIcon size={14} />
                {post.likes.map((person, index) => (
                  <span key={person.id}>
                    {index > 0 && ", "}
                    <Name person={person} />
                  </span>
                ))}
              </p>
            )}
            {post.comments.length > 0 && (
              <div class="moment-comments">
                {post.comments.map((comment) => (
                  <CommentLine key={comment.id} comment={comment} onTap={() => tapComment(comment)} />
                ))}
              </div>
            )}
          </div>
        )}
        {commenting && (
          <form
            class="moment-comment-bar"
            onSubmit={(event) => {
              event.preventDefault();
              void sendComment();
            }}
          >
            <input
              type="text"
              value={draft}
              maxLength={COMMENT_MAX}
              placeholder={
                commenting.replyTo
                  ? t("moments.reply_to", { name: commenting.replyTo.author.display_name })
                  : t("moments.comment_placeholder")
              }
              aria-label={t("moments.comment")}
              data-testid="moment-comment-input"
              autoFocus
              onInput={(event) => setDraft(event.currentTarget.value)}
            />
            <button type="submit" class="btn btn--primary btn--small" disabled={busy || !draft.trim()} data-testid="moment-comment-send">
              {t("moments.send")}
            </button>
          </form>
        )}
        <FieldError message={error} />
      </div>
      {commentMenu && (
        <ActionSheet
          actions={[
            ...(commentMenu.author.id === meId
              ? []
              : [{ label: t("moments.reply"), onSelect: () => setCommenting({ replyTo: commentMenu }) }]),
            {
              label: t("moments.delete"),
              danger: true,
              testid: "moment-comment-delete",
              onSelect: () => void run(async () => onChange(await momentsApi.deleteComment(post.id, commentMenu.id))),
            },
          ]}
          onClose={() => setCommentMenu(null)}
        />
      )}
      {confirmDelete && (
        <Dialog
          title={t("moments.delete_title")}
          confirmLabel={t("moments.delete")}
          danger
          busy={busy}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() =>
            void run(async () => {
              await momentsApi.deletePost(post.id);
              setConfirmDelete(false);
              onChange(null);
            })
          }
        />
      )}
    </article>
  );
}
