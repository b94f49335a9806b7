// /official-console: the official accounts I operate, with their review status, and the way to
// apply for one; platform admins also get a link to the review queue.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { ErrorState, LoadingState } from "../../ui/States";
import { ReviewIcon } from "../../miniapps/console/icons";
import { Panel } from "../../miniapps/console/parts";
import type { OfficialAccount } from "./api";
import { accountPath, CONSOLE, Frame } from "./Console";
import { OfficialIcon } from "./icons";
import { AccountAvatar, StatusBadge, TypeBadge } from "./parts";
import { accounts, isAdmin, loadAccounts } from "./store";

function AccountCard({ account }: { account: OfficialAccount }) {
  return (
    <button type="button" class="capp" data-testid="oc-account" data-account-id={account.id} onClick={() => navigate(accountPath(account.id))}>
      <AccountAvatar account={account} size={48} />
      <span class="capp__text">
        <span class="capp__name">{account.name}</span>
        <span class="capp__id">{account.description || "\u00a0"}</span>
        <span class="capp__meta">
          <TypeBadge type={account.type} />
          <StatusBadge status={account.status} />
        </span>
      </span>
    </button>
  );
}

export function HomePage() {
  const list = accounts.value;
  const [error, setError] = useState<unknown>(null);
  const reload = () => {
    setError(null);
    loadAccounts().catch(setError);
  };
  useEffect(reload, []);

  let body;
  if (list === null && error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(error)} onRetry={reload} />;
  } else if (list === null) body = <LoadingState />;
  else {
    body = (
      <>
        <p class="cintro">{t("official.console.home.intro")}</p>
        {isAdmin.value && (
          <button type="button" class="creview-link" data-testid="oc-review-link" onClick={() => navigate(`${CONSOLE}/review`)}>
            <ReviewIcon size={20} />
            <span>{t("official.console.review.link")}</span>
          </button>
        )}
        {list.length === 0 ? (
          <Panel>
            <div class="cempty" data-testid="oc-no-accounts">
              <span class="oempty-icon">
                <OfficialIcon size={32} />
              </span>
              <p class="cempty__title">{t("official.console.home.empty_title")}</p>
              <p class="cempty__text">{t("official.console.home.empty_body")}</p>
              <Button size="small" testid="oc-apply-empty" onClick={() => navigate(`${CONSOLE}/apply`)}>
                {t("official.console.home.apply")}
              </Button>
            </div>
          </Panel>
        ) : (
          <div class="capps" data-testid="oc-accounts">
            {list.map((account) => (
              <AccountCard key={account.id} account={account} />
            ))}
          </div>
        )}
      </>
    );
  }

  return (
    <Frame
      title={t("official.console.home.title")}
      backTo="/me"
      backOnPhoneOnly
      place="accounts"
      testid="oc-home"
      actions={
        <Button size="small" testid="oc-apply" onClick={() => navigate(`${CONSOLE}/apply`)}>
          {t("official.console.home.apply_short")}
        </Button>
      }
    >
      {body}
    </Frame>
  );
}
