// Me -> Mini Program permissions: what each mini-program may use, as WeChat's 授权管理.
// Switching a scope off revokes it at once; switching it back on while still here grants
// it again (the person's own tap, as in the host's consent dialog).

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { t, type MessageKey } from "../../i18n/t";
import { back } from "../../shell/router";
import { Cell, CellGroup } from "../../ui/Cell";
import { LockIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { Switch } from "../../ui/Switch";
import { grantConsent, myMiniAppGrants, revokeConsent, type MiniAppGrants } from "../api";
import { MiniAppIcon } from "./MiniAppIcon";
import "./discover.css";

type Scope = MiniAppGrants["scopes"][number];

function scopeLabel(scope: Scope): string {
  return t(`grants.scope.${scope}` as MessageKey);
}

function AppGrants({ grants }: { grants: MiniAppGrants }) {
  // Each scope the page was opened with keeps its row, so a mistaken tap can be undone here.
  const [granted, setGranted] = useState<Set<Scope>>(() => new Set(grants.scopes));
  const [pending, setPending] = useState<Scope | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function toggle(scope: Scope, on: boolean) {
    setPending(scope);
    setError(null);
    try {
      if (on) await grantConsent(grants.app_id, scope);
      else await revokeConsent(grants.app_id, scope);
      setGranted((current) => {
        const next = new Set(current);
        if (on) next.add(scope);
        else next.delete(scope);
        return next;
      });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(null);
    }
  }

  const title = (
    <span class="mpd-grants__app">
      <MiniAppIcon src={grants.icon_url} name={grants.name} appId={grants.app_id} size={22} />
      <span>{grants.name}</span>
    </span>
  );
  return (
    <CellGroup title={title} footer={error ?? undefined}>
      {grants.scopes.map((scope) => (
        <Cell key={scope} title={scopeLabel(scope)} testid={`grant-${grants.app_id}-${scope}`}>
          <Switch
            checked={granted.has(scope)}
            disabled={pending !== null}
            label={`${grants.name}: ${scopeLabel(scope)}`}
            testid={`grant-switch-${grants.app_id}-${scope}`}
            onChange={(on) => void toggle(scope, on)}
          />
        </Cell>
      ))}
    </CellGroup>
  );
}

export function GrantsPage() {
  const [grants, setGrants] = useState<MiniAppGrants[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(null);
    myMiniAppGrants().then(setGrants, (caught: unknown) => setError(errorMessage(caught)));
  }, [attempt]);

  let body;
  if (grants === null && error !== null) {
    body = <ErrorState title={t("grants.load_failed")} message={error} onRetry={() => setAttempt((n) => n + 1)} />;
  } else if (grants === null) {
    body = <LoadingState />;
  } else if (grants.length === 0) {
    body = (
      <div class="mpd-empty mpd-empty--page" data-testid="grants-empty">
        <LockIcon size={36} />
        <p>{t("grants.none")}</p>
      </div>
    );
  } else {
    body = (
      <>
        {grants.map((item) => (
          <AppGrants key={item.app_id} grants={item} />
        ))}
        <p class="mpd-note">{t("grants.note")}</p>
      </>
    );
  }
  return (
    <Page title={t("grants.title")} onBack={() => back("/me")} testid="grants-page">
      {body}
    </Page>
  );
}

