// The webhook deliveries both consoles show: a list with status, attempts and the server's
// answer, paged with "more", and one delivery with every attempt. The pages pass the loaders
// and the links; give each a `key` per source, since they load once when mounted.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime, formatRelative } from "../../i18n/format";
import { t, tCount } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { ErrorState, LoadingState } from "../../ui/States";
import type { Delivery, DeliveryDetail, DeliveryPage } from "./api";
import { Badge, CopyButton, Panel } from "./parts";
import { useLoad } from "./useLoad";

const STATUS_TONES: Record<Delivery["status"], string> = {
  pending: "pending",
  delivered: "released",
  given_up: "rejected",
};

function DeliveryStatus({ status }: { status: Delivery["status"] }) {
  return (
    <Badge tone={STATUS_TONES[status]} testid="delivery-status">
      {t(`console.webhooks.status.${status}`)}
    </Badge>
  );
}

/** "200", "ConnectError: ...", or a dash before the first attempt. */
function answerOf(code: number | null, error: string | null): string {
  if (code !== null) return String(code);
  return error ?? "—";
}

/** "retry in 2 minutes"; "retry within a minute" when it is due (or being sent) now. */
function nextAttempt(iso: string): string {
  const soon = new Date(iso).getTime() - Date.now() < 60_000;
  return soon ? t("console.webhooks.next_soon") : t("console.webhooks.next", { time: formatRelative(iso) });
}

function DeliveryRow({ delivery, href }: { delivery: Delivery; href: string }) {
  const ok = delivery.last_status_code !== null && delivery.last_status_code < 300;
  return (
    <button type="button" class="cdelivery" data-testid="delivery-row" data-webhook-id={delivery.id} onClick={() => navigate(href)}>
      <span class="cdelivery__event">
        <span class="cdelivery__type">{delivery.event_type}</span>
        <span class="cdelivery__url">{delivery.url}</span>
      </span>
      <span class="cdelivery__status">
        <DeliveryStatus status={delivery.status} />
      </span>
      <span class="cdelivery__attempts" data-testid="delivery-attempts">
        {tCount("console.webhooks.attempts", delivery.attempts)}
      </span>
      <span class={ok ? "cdelivery__answer cdelivery__answer--ok" : "cdelivery__answer"} data-testid="delivery-answer">
        {answerOf(delivery.last_status_code, delivery.last_error)}
        {delivery.response_excerpt ? <span class="cdelivery__excerpt">{delivery.response_excerpt}</span> : null}
      </span>
      <span class="cdelivery__time" title={formatDateTime(delivery.created_at)}>
        {formatRelative(delivery.created_at)}
        {delivery.next_attempt_at && (
          <span class="cmuted"> · {nextAttempt(delivery.next_attempt_at)}</span>
        )}
      </span>
    </button>
  );
}

export interface DeliveryListProps {
  /** One page, newest first: the first one for a null cursor. */
  load: (cursor: string | null) => Promise<DeliveryPage>;
  /** Where a row opens. */
  hrefOf: (webhookId: string) => string;
  /** What an empty list says. */
  empty: string;
  /** Shown above the list once the first page is in. */
  intro?: ComponentChildren;
}

export function DeliveryList({ load, hrefOf, empty, intro }: DeliveryListProps) {
  const first = useLoad(() => load(null), []);
  const [more, setMore] = useState<DeliveryPage[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const pages = first.data ? [first.data, ...more] : [];
  const items = pages.flatMap((page) => page.items);
  const cursor = pages.length > 0 ? (pages[pages.length - 1]?.next_cursor ?? null) : null;

  async function loadMore() {
    if (cursor === null) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await load(cursor);
      setMore([...more, page]);
    } catch (caught) {
      setMoreError(caught);
    } finally {
      setLoadingMore(false);
    }
  }

  if (first.data === null && first.error !== null) {
    return <ErrorState title={t("console.error")} message={errorMessage(first.error)} onRetry={first.reload} />;
  }
  if (first.data === null) return <LoadingState />;
  return (
    <>
      {intro}
      <Panel
        title={t("console.webhooks.list")}
        actions={
          <Button
            variant="default"
            size="small"
            testid="delivery-refresh"
            onClick={() => {
              setMore([]);
              first.reload();
            }}
          >
            {t("console.webhooks.refresh")}
          </Button>
        }
        testid="delivery-list"
        flush
      >
        {items.length === 0 ? (
          <p class="cempty__text cempty__text--pad" data-testid="delivery-empty">
            {empty}
          </p>
        ) : (
          <>
            <div class="cdelivery cdelivery--head" aria-hidden="true">
              <span>{t("console.webhooks.col.event")}</span>
              <span>{t("console.webhooks.col.status")}</span>
              <span>{t("console.webhooks.col.attempts")}</span>
              <span>{t("console.webhooks.col.answer")}</span>
              <span>{t("console.webhooks.col.created")}</span>
            </div>
            {items.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} href={hrefOf(delivery.id)} />
            ))}
          </>
        )}
      </Panel>
      {moreError !== null && <p class="field-error">{errorMessage(moreError)}</p>}
      {cursor !== null && (
        <div class="cmore">
          <Button variant="default" size="small" busy={loadingMore} testid="delivery-more" onClick={() => void loadMore()}>
            {t("console.webhooks.more")}
          </Button>
        </div>
      )}
    </>
  );
}

function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function AttemptLog({ detail }: { detail: DeliveryDetail }) {
  return (
    <Panel title={t("console.webhooks.attempt_log")} testid="delivery-attempt-log" flush>
      {detail.attempt_log.length === 0 ? (
        <p class="cempty__text cempty__text--pad">{t("console.webhooks.no_attempts")}</p>
      ) : (
        detail.attempt_log.map((attempt) => {
          const ok = attempt.status_code !== null && attempt.status_code < 300;
          return (
            <div class="cattempt" key={attempt.number} data-testid="delivery-attempt">
              <div class="cattempt__head">
                <span class="cattempt__number">#{attempt.number}</span>
                <span class={ok ? "cattempt__code cattempt__code--ok" : "cattempt__code"}>
                  {answerOf(attempt.status_code, attempt.error)}
                </span>
                <span class="cmuted">
                  {formatDateTime(attempt.started_at)} · {t("console.webhooks.ms", { ms: attempt.duration_ms })}
                </span>
              </div>
              {attempt.response_excerpt && <pre class="ccode ccode--small">{attempt.response_excerpt}</pre>}
            </div>
          );
        })
      )}
    </Panel>
  );
}

function DeliverySummary({ detail }: { detail: DeliveryDetail }) {
  return (
    <Panel title={t("console.webhooks.summary")} testid="delivery-summary">
      <dl class="cfacts">
        <div class="cfacts__row">
          <dt>{t("console.webhooks.col.status")}</dt>
          <dd>
            <DeliveryStatus status={detail.status} />
          </dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.webhooks.col.event")}</dt>
          <dd>
            <code>{detail.event_type}</code>
          </dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.webhooks.id")}</dt>
          <dd class="cfacts__copy">
            <code>{detail.id}</code>
            <CopyButton text={detail.id} />
          </dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.webhooks.url")}</dt>
          <dd class="cbreak">{detail.url}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.webhooks.col.attempts")}</dt>
          <dd data-testid="delivery-detail-attempts">{detail.attempts}</dd>
        </div>
        <div class="cfacts__row">
          <dt>{t("console.webhooks.col.created")}</dt>
          <dd>{formatDateTime(detail.created_at)}</dd>
        </div>
        {detail.next_attempt_at && (
          <div class="cfacts__row">
            <dt>{t("console.webhooks.next_at")}</dt>
            <dd>{formatDateTime(detail.next_attempt_at)}</dd>
          </div>
        )}
        {detail.finished_at && (
          <div class="cfacts__row">
            <dt>{t("console.webhooks.finished_at")}</dt>
            <dd>{formatDateTime(detail.finished_at)}</dd>
          </div>
        )}
      </dl>
    </Panel>
  );
}

export function DeliveryDetailView({ load }: { load: () => Promise<DeliveryDetail> }) {
  const loaded = useLoad(load, []);
  const detail = loaded.data;
  if (detail === null && loaded.error !== null) {
    return <ErrorState title={t("console.error")} message={errorMessage(loaded.error)} onRetry={loaded.reload} />;
  }
  if (detail === null) return <LoadingState />;
  return (
    <div class="cgrid cgrid--side-first">
      <div class="cgrid__main">
        <AttemptLog detail={detail} />
        <Panel title={t("console.webhooks.body")} actions={<CopyButton text={detail.body} />} testid="delivery-body">
          <pre class="ccode" data-testid="delivery-body-json">
            {prettyJson(detail.body)}
          </pre>
        </Panel>
      </div>
      <div class="cgrid__side">
        <DeliverySummary detail={detail} />
        <p class="cnote">{t("console.webhooks.retry_note")}</p>
      </div>
    </div>
  );
}
