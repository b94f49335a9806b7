// The article reader: title, the account (a tap opens its profile), the date, the cover,
// the body (ArticleBody: nothing in it can run), and at the foot a like with its count,
// and sharing to a chat or to Moments.

import { useEffect, useState } from "preact/hooks";
import { ConversationPicker } from "../chat/ConversationPicker";
import { errorMessage } from "../i18n/errors";
import { formatDate } from "../i18n/format";
import { t } from "../i18n/t";
import { MomentsIcon } from "../moments/icons";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { ActionSheet } from "../ui/ActionSheet";
import { MoreIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { getArticle, setLiked, shareArticle, type Article } from "./api";
import { ArticleBody } from "./ArticleBody";
import { LikeIcon, ShareIcon } from "./icons";
import { MomentsShareDialog } from "./MomentsShare";
import { accountPath, articlePath } from "./paths";
import "./official.css";

function Foot({
  article,
  onChange,
  onShare,
  onMoments,
}: {
  article: Article;
  onChange: (article: Article) => void;
  onShare: () => void;
  onMoments: () => void;
}) {
  const [busy, setBusy] = useState(false);

  async function toggleLike() {
    setBusy(true);
    try {
      onChange(await setLiked(article.id, !article.liked_by_me));
    } catch (caught) {
      showToast(errorMessage(caught), "warning");
    } finally {
      setBusy(false);
    }
  }

  return (
    <footer class="oa-reader__foot">
      <button type="button" class="oa-reader__action" data-testid="article-share" onClick={onShare}>
        <ShareIcon size={20} />
        {t("official.share")}
      </button>
      <button type="button" class="oa-reader__action" data-testid="article-moments" onClick={onMoments}>
        <MomentsIcon size={20} />
        {t("official.share_moments")}
      </button>
      <button
        type="button"
        class={article.liked_by_me ? "oa-reader__action oa-reader__action--on" : "oa-reader__action"}
        aria-pressed={article.liked_by_me}
        disabled={busy}
        data-testid="article-like"
        onClick={() => void toggleLike()}
      >
        <LikeIcon size={20} filled={article.liked_by_me} />
        <span data-testid="article-like-count">{article.like_count > 0 ? article.like_count : t("official.like")}</span>
      </button>
    </footer>
  );
}

export function ArticlePage({ articleId }: { articleId: string }) {
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [menu, setMenu] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [moments, setMoments] = useState(false);

  function load() {
    setError(null);
    getArticle(articleId).then(setArticle, setError);
  }
  useEffect(load, [articleId]);

  let body;
  if (article === null && error !== null) {
    body = <ErrorState title={t("official.article_error")} message={errorMessage(error)} onRetry={load} />;
  } else if (article === null) {
    body = <LoadingState />;
  } else {
    body = (
      <article class="oa-reader" data-testid="article-reader">
        <h1 class="oa-reader__title" data-testid="article-title">
          {article.title}
        </h1>
        <p class="oa-reader__meta">
          <button type="button" class="oa-reader__account" data-testid="article-account" onClick={() => navigate(accountPath(article.account.id))}>
            {article.account.name}
          </button>
          {article.published_at && <time dateTime={article.published_at}>{formatDate(article.published_at)}</time>}
        </p>
        {article.cover_url && <img class="oa-reader__cover" src={article.cover_url} alt="" />}
        <ArticleBody html={article.html} title={article.title} />
        <Foot article={article} onChange={setArticle} onShare={() => setSharing(true)} onMoments={() => setMoments(true)} />
      </article>
    );
  }

  return (
    <Page
      light
      title={article?.account.name ?? ""}
      onBack={() => back("/chats")}
      right={
        article && (
          <button type="button" class="icon-button" aria-label={t("official.more_actions")} data-testid="article-menu" onClick={() => setMenu(true)}>
            <MoreIcon size={24} />
          </button>
        )
      }
      testid="article-page"
    >
      {body}
      {menu && article && (
        <ActionSheet
          onClose={() => setMenu(false)}
          actions={[
            { label: t("official.share_chat"), testid: "article-menu-share", onSelect: () => setSharing(true) },
            { label: t("official.share_moments"), testid: "article-menu-moments", onSelect: () => setMoments(true) },
            { label: t("official.view_account"), onSelect: () => navigate(accountPath(article.account.id)) },
            {
              label: t("official.copy_link"),
              onSelect: () =>
                void navigator.clipboard
                  ?.writeText(`${location.origin}${articlePath(article.id)}`)
                  .then(() => showToast(t("official.link_copied")))
                  .catch(() => undefined),
            },
          ]}
        />
      )}
      {moments && article && <MomentsShareDialog article={article} onClose={() => setMoments(false)} />}
      {sharing && article && (
        <ConversationPicker
          title={t("official.share_chat")}
          testid="article-share"
          onSend={async (chosen) => {
            await Promise.all(chosen.map((conversationId) => shareArticle(article.id, conversationId, crypto.randomUUID())));
            setSharing(false);
          }}
          onClose={() => setSharing(false)}
        >
          <div class="oa-share-preview">
            <span class="oa-share-preview__title">{article.title}</span>
            <span class="oa-share-preview__account">{article.account.name}</span>
          </div>
        </ConversationPicker>
      )}
    </Page>
  );
}
