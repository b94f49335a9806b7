// An official account's article shared into a chat (kind "article"): its title, digest and
// cover, and the account's name at the foot, as WeChat shows a shared article. Tapping it
// opens the article in the reader.

import { articlePath } from "../official/paths";
import { navigate } from "../shell/router";
import "../official/official.css";

/** What the server keeps of a shared article (official/articles.py share). */
export interface ArticleShareCard {
  article_id: string;
  title: string;
  digest: string;
  cover_url: string | null;
  account_name: string;
}

export function isArticleShareCard(content: Record<string, unknown>): content is Record<string, unknown> & ArticleShareCard {
  return typeof content["article_id"] === "string" && typeof content["title"] === "string";
}

export function ArticleCardBubble({ card }: { card: ArticleShareCard }) {
  return (
    <button type="button" class="article-card" data-testid="message-article" onClick={() => navigate(articlePath(card.article_id))}>
      <span class="article-card__title">{card.title}</span>
      <span class="article-card__body">
        <span class="article-card__digest">{card.digest}</span>
        {card.cover_url && <img class="article-card__cover" src={card.cover_url} alt="" />}
      </span>
      <span class="article-card__label">{card.account_name}</span>
    </button>
  );
}
