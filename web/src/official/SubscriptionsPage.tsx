// Chats -> Subscriptions: the broadcasts of the subscription accounts I follow, newest
// first, each under its account's name and time. Opening the folder marks it read.

import { useEffect, useState } from "preact/hooks";
import { listTime } from "../chat/time";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { isEvent } from "../realtime/events";
import { onRealtimeEvent } from "../realtime/store";
import { back, navigate } from "../shell/router";
import { Button } from "../ui/Button";
import { PersonIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { markSubscriptionsRead, subscriptions, type SubscriptionEntry } from "./api";
import { BroadcastArticles } from "./ArticleCards";
import { OfficialAvatar } from "./OfficialAvatar";
import { accountPath } from "./paths";
import { summaryRead } from "./store";
import "./official.css";

function Entry({ entry }: { entry: SubscriptionEntry }) {
  const account = entry.account;
  return (
    <section class="oa-entry" data-testid="subscription-entry" data-broadcast-id={entry.broadcast_id}>
      <button type="button" class="oa-entry__head" onClick={() => navigate(accountPath(account.id))}>
        <OfficialAvatar name={account.name} seed={account.id} url={account.avatar_url} size={28} />
        <span class="oa-entry__name">{account.name}</span>
        <span class="oa-entry__time">{listTime(entry.sent_at)}</span>
      </button>
      <BroadcastArticles articles={entry.articles} />
    </section>
  );
}

/** The newest page's entries that are not shown yet, above those that are. */
function withNewest(newest: SubscriptionEntry[], shown: SubscriptionEntry[] | null): SubscriptionEntry[] {
  const known = new Set((shown ?? []).map((entry) => entry.broadcast_id));
  return [...newest.filter((entry) => !known.has(entry.broadcast_id)), ...(shown ?? [])];
}

export function SubscriptionsPage() {
  const [items, setItems] = useState<SubscriptionEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function load(cursor: string | null) {
    setBusy(true);
    setError(null);
    subscriptions(cursor)
      .then((page) => {
        setItems((shown) => [...(cursor ? shown ?? [] : []), ...page.items]);
        setNext(page.next_cursor);
      }, setError)
      .finally(() => setBusy(false));
  }

  useEffect(() => {
    load(null);
    markSubscriptionsRead().then(summaryRead, () => undefined);
  }, []);

  // A broadcast that arrives while the folder is open goes on top, already read.
  useEffect(
    () =>
      onRealtimeEvent((event) => {
        if (!isEvent(event, "subscriptions.updated")) return;
        subscriptions(null).then((page) => setItems((shown) => withNewest(page.items, shown)), () => undefined);
        markSubscriptionsRead().then(summaryRead, () => undefined);
      }),
    [],
  );

  let body;
  if (items === null && error !== null) {
    body = <ErrorState title={t("official.subscriptions_error")} message={errorMessage(error)} onRetry={() => load(null)} />;
  } else if (items === null) {
    body = <LoadingState />;
  } else if (items.length === 0) {
    body = (
      <div class="oa-empty oa-empty--page" data-testid="subscriptions-empty">
        <p>{t("official.subscriptions_none")}</p>
        <Button variant="default" size="small" onClick={() => navigate("/official")}>
          {t("official.find_accounts")}
        </Button>
      </div>
    );
  } else {
    body = (
      <div class="oa-entries">
        {items.map((entry) => (
          <Entry key={entry.broadcast_id} entry={entry} />
        ))}
        {next && (
          <div class="oa-more">
            <Button variant="default" size="small" busy={busy} onClick={() => load(next)}>
              {t("official.more")}
            </Button>
          </div>
        )}
      </div>
    );
  }

  return (
    <Page
      title={t("official.subscriptions")}
      onBack={() => back("/chats")}
      testid="subscriptions-page"
      right={
        <button type="button" class="icon-button" aria-label={t("official.accounts")} data-testid="subscriptions-accounts" onClick={() => navigate("/official")}>
          <PersonIcon size={22} />
        </button>
      }
    >
      {body}
    </Page>
  );
}
