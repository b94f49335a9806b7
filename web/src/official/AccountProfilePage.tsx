// An official account's profile: its picture, name, type and description, Follow (or, once
// followed, Send Message and Unfollow), and its published articles, newest first.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t, tCount } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { CheckIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { follow, getAccount, publishedArticles, unfollow, type ArticleCard, type OfficialAccount } from "./api";
import { typeLabel } from "./AccountsPage";
import { ArticleRow } from "./ArticleCards";
import { OfficialAvatar } from "./OfficialAvatar";
import { accountPath } from "./paths";
import "./official.css";

function Articles({ accountId }: { accountId: string }) {
  const [items, setItems] = useState<ArticleCard[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function load(cursor: string | null) {
    setBusy(true);
    setError(null);
    publishedArticles(accountId, cursor)
      .then((page) => {
        setItems((shown) => [...(cursor ? shown ?? [] : []), ...page.items]);
        setNext(page.next_cursor);
      }, setError)
      .finally(() => setBusy(false));
  }
  useEffect(() => load(null), [accountId]);

  if (items === null && error !== null) {
    return <ErrorState title={t("official.articles_error")} message={errorMessage(error)} onRetry={() => load(null)} />;
  }
  if (items === null) return <LoadingState />;
  return (
    <section class="oa-section" data-testid="official-articles">
      <h2 class="oa-section__title">{t("official.articles")}</h2>
      {items.length === 0 ? (
        <p class="oa-empty">{t("official.articles_none")}</p>
      ) : (
        <div class="oa-articles">
          {items.map((article) => (
            <ArticleRow key={article.id} article={article} />
          ))}
        </div>
      )}
      {next && (
        <div class="oa-more">
          <Button variant="default" size="small" busy={busy} onClick={() => load(next)}>
            {t("official.more")}
          </Button>
        </div>
      )}
    </section>
  );
}

export function AccountProfilePage({ accountId }: { accountId: string }) {
  const [account, setAccount] = useState<OfficialAccount | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmUnfollow, setConfirmUnfollow] = useState(false);

  function load() {
    setError(null);
    getAccount(accountId).then(setAccount, setError);
  }
  useEffect(load, [accountId]);

  async function change(action: (id: string) => Promise<OfficialAccount>) {
    setBusy(true);
    try {
      setAccount(await action(accountId));
    } catch (caught) {
      showToast(errorMessage(caught), "warning");
    } finally {
      setBusy(false);
      setConfirmUnfollow(false);
    }
  }

  let body;
  if (account === null && error !== null) {
    body = <ErrorState title={t("official.account_error")} message={errorMessage(error)} onRetry={load} />;
  } else if (account === null) {
    body = <LoadingState />;
  } else {
    body = (
      <>
        <header class="oa-profile" data-testid="official-profile">
          <OfficialAvatar name={account.name} seed={account.id} url={account.avatar_url} size={72} />
          <h1 class="oa-profile__name" data-testid="official-profile-name">
            {account.name}
          </h1>
          <p class="oa-profile__meta">
            {account.status === "verified" && (
              <span class="oa-verified" data-testid="official-verified">
                <CheckIcon size={12} />
                {t("official.verified")}
              </span>
            )}
            <span data-testid="official-profile-type">{typeLabel(account)}</span>
            <span>{tCount("official.followers", account.follower_count)}</span>
          </p>
          {account.description && <p class="oa-profile__about">{account.description}</p>}
          <div class="oa-profile__actions">
            {account.following ? (
              <>
                <Button testid="official-message" onClick={() => navigate(`${accountPath(account.id)}/chat`)}>
                  {t("official.send_message")}
                </Button>
                <Button variant="default" testid="official-unfollow" busy={busy} onClick={() => setConfirmUnfollow(true)}>
                  {t("official.unfollow")}
                </Button>
              </>
            ) : (
              <Button testid="official-follow" busy={busy} onClick={() => void change(follow)}>
                {t("official.follow")}
              </Button>
            )}
          </div>
        </header>
        <Articles accountId={account.id} />
      </>
    );
  }

  return (
    <Page title={account?.name ?? ""} onBack={() => back("/official")} testid="official-profile-page">
      {body}
      {confirmUnfollow && account && (
        <Dialog
          title={t("official.unfollow_title", { name: account.name })}
          confirmLabel={t("official.unfollow")}
          danger
          busy={busy}
          onConfirm={() => void change(unfollow)}
          onCancel={() => setConfirmUnfollow(false)}
        >
          {t("official.unfollow_body")}
        </Dialog>
      )}
    </Page>
  );
}
