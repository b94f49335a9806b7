// Contacts -> Official Accounts: the accounts I follow, then the other verified ones, and a
// search of them by name. A tap opens the account's profile.

import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { CellGroup } from "../ui/Cell";
import { SearchIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { following, searchAccounts, type OfficialAccount } from "./api";
import { OfficialAvatar } from "./OfficialAvatar";
import { accountPath } from "./paths";
import "./official.css";

const SEARCH_DELAY_MS = 250;

export function typeLabel(account: Pick<OfficialAccount, "type">): string {
  return account.type === "service" ? t("official.type.service") : t("official.type.subscription");
}

function AccountRow({ account }: { account: OfficialAccount }) {
  return (
    <button type="button" class="oa-row" data-testid="official-account-row" data-account-id={account.id} onClick={() => navigate(accountPath(account.id))}>
      <OfficialAvatar name={account.name} seed={account.id} url={account.avatar_url} size={40} />
      <span class="oa-row__text">
        <span class="oa-row__name">{account.name}</span>
        {account.description && <span class="oa-row__about">{account.description}</span>}
      </span>
      <span class="oa-row__type">{typeLabel(account)}</span>
    </button>
  );
}

interface Lists {
  /** Without a search: the accounts I follow. */
  following: OfficialAccount[] | null;
  /** Without a search, the verified accounts I don't follow; with one, those it found. */
  others: OfficialAccount[];
}

/** The accounts I follow and the rest of the directory; the directory alone when searching. */
function loadLists(query: string): Promise<Lists> {
  if (query) return searchAccounts(query).then((found) => ({ following: null, others: found }));
  return Promise.all([following(), searchAccounts("")]).then(([mine, all]) => ({
    following: mine,
    others: all.filter((account) => !account.following),
  }));
}

function AccountGroup({ title, accounts }: { title: string; accounts: OfficialAccount[] }) {
  return (
    <CellGroup title={title}>
      {accounts.map((account) => (
        <AccountRow key={account.id} account={account} />
      ))}
    </CellGroup>
  );
}

export function AccountsPage() {
  const [query, setQuery] = useState("");
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const wanted = query.trim();

  useEffect(() => {
    const call = ++latest.current;
    setError(null);
    const run = () =>
      loadLists(wanted).then(
        (found) => call === latest.current && setLists(found),
        (caught: unknown) => call === latest.current && setError(caught),
      );
    if (!wanted) {
      void run();
      return;
    }
    const timer = setTimeout(() => void run(), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [wanted, attempt]);

  let body;
  if (error !== null) {
    body = <ErrorState title={t("official.load_error")} message={errorMessage(error)} onRetry={() => setAttempt(attempt + 1)} />;
  } else if (lists === null) {
    body = <LoadingState />;
  } else if (lists.following === null) {
    body =
      lists.others.length === 0 ? (
        <p class="oa-empty" data-testid="official-accounts-empty">
          {t("official.search_none")}
        </p>
      ) : (
        <AccountGroup title={t("official.search_results")} accounts={lists.others} />
      );
  } else {
    body = (
      <>
        {lists.following.length === 0 ? (
          <p class="oa-empty oa-empty--short" data-testid="official-following-empty">
            {t("official.following_none")}
          </p>
        ) : (
          <AccountGroup title={t("official.following")} accounts={lists.following} />
        )}
        {lists.others.length > 0 && <AccountGroup title={t("official.directory")} accounts={lists.others} />}
      </>
    );
  }

  return (
    <Page title={t("official.accounts")} onBack={() => back("/contacts")} testid="official-accounts-page">
      <label class="oa-search">
        <SearchIcon size={18} />
        <input
          type="search"
          value={query}
          placeholder={t("official.search_placeholder")}
          aria-label={t("official.search_placeholder")}
          data-testid="official-search"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </label>
      {body}
    </Page>
  );
}
