// Articles as lists show them: one row (title, digest, date, cover on the right) for a
// profile's articles, and a broadcast as WeChat draws one: the first article's cover with its
// title over it, the others as rows below. A tap opens the reader.

import { formatDate } from "../i18n/format";
import { navigate } from "../shell/router";
import type { ArticleCard } from "./api";
import { articlePath } from "./paths";

export function ArticleRow({ article }: { article: ArticleCard }) {
  return (
    <button type="button" class="oa-article-row" data-testid="official-article" data-article-id={article.id} onClick={() => navigate(articlePath(article.id))}>
      <span class="oa-article-row__text">
        <span class="oa-article-row__title">{article.title}</span>
        {article.digest && <span class="oa-article-row__digest">{article.digest}</span>}
        {article.published_at && <span class="oa-article-row__date">{formatDate(article.published_at)}</span>}
      </span>
      {article.cover_url && <img class="oa-article-row__cover" src={article.cover_url} alt="" />}
    </button>
  );
}

export function BroadcastArticles({ articles }: { articles: ArticleCard[] }) {
  const [lead, ...rest] = articles;
  if (!lead) return null;
  return (
    <div class="oa-broadcast" data-testid="official-broadcast">
      <button
        type="button"
        class={lead.cover_url ? "oa-broadcast__lead" : "oa-broadcast__lead oa-broadcast__lead--plain"}
        data-testid="official-article"
        data-article-id={lead.id}
        onClick={() => navigate(articlePath(lead.id))}
      >
        {lead.cover_url && <img src={lead.cover_url} alt="" />}
        <span class="oa-broadcast__lead-title">{lead.title}</span>
        {!lead.cover_url && lead.digest && <span class="oa-broadcast__lead-digest">{lead.digest}</span>}
      </button>
      {rest.map((article) => (
        <button
          key={article.id}
          type="button"
          class="oa-broadcast__item"
          data-testid="official-article"
          data-article-id={article.id}
          onClick={() => navigate(articlePath(article.id))}
        >
          <span class="oa-broadcast__item-title">{article.title}</span>
          {article.cover_url && <img src={article.cover_url} alt="" />}
        </button>
      ))}
    </div>
  );
}
