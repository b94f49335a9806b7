// /official-console/accounts/{id}/broadcast: pick 1 to 8 drafts, in the order followers see
// them, and send them to every follower; the broadcasts left this day or month are shown, and
// the server's refusal (over quota) is explained.

import { useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t, tCount } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { Panel } from "../../miniapps/console/parts";
import { useLoad } from "../../miniapps/console/useLoad";
import {
  ARTICLES_PER_BROADCAST,
  broadcast,
  broadcastQuota,
  drafts,
  type AccountType,
  type Draft,
} from "./api";
import { accountPath, Frame } from "./Console";
import { ArticleIcon } from "./icons";
import { WithAccount } from "./parts";

function Picker({ accountId, type, list, left, onSent }: { accountId: string; type: AccountType; list: Draft[]; left: number; onSent: () => void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const full = picked.length >= ARTICLES_PER_BROADCAST;

  function toggle(id: string) {
    setError(null);
    setPicked(picked.includes(id) ? picked.filter((other) => other !== id) : full ? picked : [...picked, id]);
  }

  async function send() {
    setBusy(true);
    try {
      await broadcast(accountId, picked);
      showToast(t("official.console.broadcast.sent"));
      setPicked([]);
      onSent();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <>
      <div class={left > 0 ? "oquota" : "oquota oquota--none"} data-testid="oc-quota" data-left={left}>
        <strong>{type === "subscription" ? tCount("official.console.broadcast.left_today", left) : tCount("official.console.broadcast.left_month", left)}</strong>
        <span class="cmuted">{t(type === "subscription" ? "official.console.type.subscription_quota" : "official.console.type.service_quota")}</span>
      </div>
      <Panel
        title={t("official.console.broadcast.pick", { count: picked.length, max: ARTICLES_PER_BROADCAST })}
        flush
        testid="oc-broadcast-drafts"
      >
        {list.length === 0 ? (
          <div class="cempty">
            <p class="cempty__text">{t("official.console.broadcast.no_drafts")}</p>
            <Button size="small" onClick={() => navigate(`${accountPath(accountId, "articles")}/new`)}>
              {t("official.console.articles.new")}
            </Button>
          </div>
        ) : (
          list.map((draft) => {
            const order = picked.indexOf(draft.id);
            return (
              <label key={draft.id} class={order >= 0 ? "opick opick--on" : "opick"} data-testid="oc-broadcast-draft" data-article-id={draft.id}>
                <input type="checkbox" checked={order >= 0} disabled={order < 0 && full} onChange={() => toggle(draft.id)} />
                <span class="opick__order">{order >= 0 ? order + 1 : ""}</span>
                {draft.cover_url ? (
                  <img class="odraft__cover" src={draft.cover_url} alt="" />
                ) : (
                  <span class="odraft__cover odraft__cover--empty">
                    <ArticleIcon size={20} />
                  </span>
                )}
                <span class="odraft__text">
                  <span class="odraft__title">{draft.title}</span>
                  <span class="cmuted">{formatDateTime(draft.updated_at)}</span>
                </span>
              </label>
            );
          })
        )}
      </Panel>
      <FieldError message={error === null ? null : errorMessage(error)} id="oc-broadcast-error" />
      <div class="cform__actions">
        <Button disabled={picked.length === 0} busy={busy} testid="oc-broadcast-send" onClick={() => setConfirming(true)}>
          {t("official.console.broadcast.send")}
        </Button>
      </div>
      {confirming && (
        <Dialog
          title={t("official.console.broadcast.confirm_title")}
          confirmLabel={t("official.console.broadcast.send")}
          busy={busy}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
        >
          {tCount("official.console.broadcast.confirm_body", picked.length)}
        </Dialog>
      )}
    </>
  );
}

export function BroadcastPage({ accountId }: { accountId: string }) {
  const state = useLoad(() => Promise.all([drafts(accountId), broadcastQuota(accountId)]), [accountId]);
  let body;
  if (state.data === null && state.error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(state.error)} onRetry={state.reload} />;
  } else if (state.data === null) body = <LoadingState />;
  else {
    const [list, quota] = state.data;
    body = (
      <WithAccount accountId={accountId}>
        {(account) => <Picker accountId={accountId} type={account.type} list={list} left={quota.left} onSent={state.reload} />}
      </WithAccount>
    );
  }
  return (
    <Frame title={t("official.console.nav.broadcast")} backTo={accountPath(accountId)} place={{ accountId, section: "broadcast" }} testid="oc-broadcast-page">
      <p class="cintro">{t("official.console.broadcast.intro")}</p>
      {body}
    </Frame>
  );
}
