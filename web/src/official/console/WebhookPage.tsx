// /official-console/accounts/{id}/webhook: the https URL that gets followers' messages,
// follows and unfollows, signed as every Plaza webhook is (see docs/official-accounts.md), and
// what was delivered to it; /official-console/accounts/{id}/webhook/{webhookId}: one delivery
// with every attempt.

import { useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { DeliveryDetailView, DeliveryList } from "../../miniapps/console/deliveries";
import { FormRow, Panel } from "../../miniapps/console/parts";
import { ErrorState, LoadingState } from "../../ui/States";
import { useLoad } from "../../miniapps/console/useLoad";
import { getWebhookDelivery, listWebhookDeliveries, saveWebhook, webhook } from "./api";
import { accountPath, Frame } from "./Console";

const EVENTS = ["official.message", "official.follow", "official.unfollow"];

function WebhookForm({ accountId, initial }: { accountId: string; initial: string | null }) {
  const [url, setUrl] = useState(initial ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(initial);

  async function save(next: string | null) {
    setBusy(true);
    setError(null);
    try {
      const answer = await saveWebhook(accountId, next);
      setSaved(answer.url);
      setUrl(answer.url ?? "");
      showToast(answer.url ? t("official.console.webhook.saved") : t("official.console.webhook.removed"));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="cnarrow"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(url.trim() === "" ? null : url.trim());
      }}
    >
      <Panel title={t("official.console.webhook.panel")}>
        <div class="cform">
          <FormRow label={t("official.console.webhook.url")} htmlFor="oc-webhook" hint={t("official.console.webhook.hint")}>
            <input
              id="oc-webhook"
              class={error === null ? "cinput cmono" : "cinput cmono cinput--error"}
              type="url"
              value={url}
              placeholder="https://example.com/plaza/events"
              spellcheck={false}
              autoCapitalize="off"
              data-testid="oc-webhook-url"
              onInput={(event) => {
                setUrl(event.currentTarget.value);
                setError(null);
              }}
            />
            <FieldError message={error === null ? null : errorMessage(error)} />
          </FormRow>
          <FormRow label={t("official.console.webhook.events")}>
            <div class="cversion__chips">
              {EVENTS.map((event) => (
                <code key={event} class="cchip">
                  {event}
                </code>
              ))}
            </div>
          </FormRow>
        </div>
        {saved && (
          <p class="cnote cnote--in-panel" data-testid="oc-webhook-saved">
            {t("official.console.webhook.current", { url: saved })}
          </p>
        )}
        <div class="cform__actions">
          <Button variant="default" disabled={busy} testid="oc-webhook-remove" onClick={() => void save(null)}>
            {t("official.console.webhook.remove")}
          </Button>
          <Button type="submit" busy={busy} testid="oc-webhook-save">
            {t("official.console.save")}
          </Button>
        </div>
      </Panel>
    </form>
  );
}

export function WebhookPage({ accountId }: { accountId: string }) {
  const current = useLoad(() => webhook(accountId), [accountId]);
  let body;
  if (current.data === null && current.error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(current.error)} onRetry={current.reload} />;
  } else if (current.data === null) body = <LoadingState />;
  else {
    body = (
      <>
        <WebhookForm accountId={accountId} initial={current.data.url} />
        <DeliveryList
          key={accountId}
          load={(cursor) => listWebhookDeliveries(accountId, cursor)}
          hrefOf={(webhookId) => `${accountPath(accountId, "webhook")}/${webhookId}`}
          empty={t("official.console.webhook.empty")}
        />
      </>
    );
  }
  return (
    <Frame title={t("official.console.nav.webhook")} backTo={accountPath(accountId)} place={{ accountId, section: "webhook" }} testid="oc-webhook-page">
      <p class="cintro">{t("official.console.webhook.intro")}</p>
      {body}
    </Frame>
  );
}

export function WebhookDeliveryPage({ accountId, webhookId }: { accountId: string; webhookId: string }) {
  return (
    <Frame
      title={t("console.webhooks.detail")}
      backTo={accountPath(accountId, "webhook")}
      place={{ accountId, section: "webhook" }}
      testid="oc-webhook-delivery-page"
    >
      <DeliveryDetailView key={`${accountId}/${webhookId}`} load={() => getWebhookDelivery(accountId, webhookId)} />
    </Frame>
  );
}
