// /official-console/accounts/{id}: one of my accounts: its review status (and the reason when
// refused), and once verified its facts and the way into each section.

import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { ChevronRightIcon } from "../../ui/icons";
import { Panel } from "../../miniapps/console/parts";
import type { Application } from "./api";
import { accountPath, CONSOLE, Frame, SECTIONS } from "./Console";
import { AccountAvatar, QUOTA_KEYS, StatusBadge, TYPE_KEYS, WithAccount } from "./parts";

function Review({ account }: { account: Application }) {
  if (account.status === "pending") {
    return (
      <p class="cnote cnote--in-panel" data-testid="oc-pending">
        {t("official.console.account.pending")}
      </p>
    );
  }
  if (account.status === "rejected") {
    return (
      <div class="creject" data-testid="oc-rejected">
        <p>{t("official.console.account.rejected")}</p>
        {account.reject_reason && (
          <p data-testid="oc-reject-reason">
            <strong>{t("official.console.account.reason")}</strong> {account.reject_reason}
          </p>
        )}
        <Button size="small" variant="default" testid="oc-apply-again" onClick={() => navigate(`${CONSOLE}/apply`)}>
          {t("official.console.account.apply_again")}
        </Button>
      </div>
    );
  }
  return null;
}

function Overview({ account }: { account: Application }) {
  return (
    <>
      <Panel testid="oc-account-panel">
        <div class="cidentity">
          <AccountAvatar account={account} size={64} />
          <div class="cidentity__text">
            <div class="cidentity__name" data-testid="oc-account-name">
              {account.name}
            </div>
            <div class="cidentity__meta">
              <StatusBadge status={account.status} />
            </div>
          </div>
        </div>
        <dl class="cfacts">
          <div class="cfacts__row">
            <dt>{t("official.console.field.type")}</dt>
            <dd>
              {t(TYPE_KEYS[account.type])} · <span class="cmuted">{t(QUOTA_KEYS[account.type])}</span>
            </dd>
          </div>
          <div class="cfacts__row">
            <dt>{t("official.console.field.description")}</dt>
            <dd>{account.description || "—"}</dd>
          </div>
          {account.status === "verified" && (
            <div class="cfacts__row">
              <dt>{t("official.console.account.followers")}</dt>
              <dd data-testid="oc-followers">{account.follower_count}</dd>
            </div>
          )}
        </dl>
        <Review account={account} />
      </Panel>
      {account.status === "verified" && (
        <div class="osections" data-testid="oc-sections">
          {SECTIONS.map(([section, key, Icon]) => (
            <button key={section} type="button" class="osection" data-testid={`oc-open-${section}`} onClick={() => navigate(accountPath(account.id, section))}>
              <span class="osection__icon">
                <Icon size={22} />
              </span>
              <span class="osection__label">{t(key)}</span>
              <ChevronRightIcon size={18} />
            </button>
          ))}
        </div>
      )}
    </>
  );
}

export function AccountPage({ accountId }: { accountId: string }) {
  return (
    <Frame title={t("official.console.account.title")} backTo={CONSOLE} place={{ accountId, section: null }} testid="oc-account-page">
      <WithAccount accountId={accountId}>{(account) => <Overview account={account} />}</WithAccount>
    </Frame>
  );
}
