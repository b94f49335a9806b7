// A red envelope's detail page (WeChat's 红包详情): who sent it and their greeting, what I
// got in big, then who opened how much and when, the luckiest marked once all are taken.

import { useEffect, useState } from "preact/hooks";
import type { Envelope, EnvelopeShare } from "../../api/types";
import { personName } from "../../chat/describe";
import { personOrNull } from "../../contacts/store";
import { formatDateTime } from "../../i18n/format";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Avatar } from "../../ui/Avatar";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { walletErrorMessage } from "../errors";
import { formatMinor, formatMoney } from "../money";
import { envelopes, fetchEnvelope } from "./store";
import "./envelopes.css";

function nameOf(person: { id: string; name: string }): string {
  return personName(person.id) || person.name;
}

function ShareRow({ share, luckiest }: { share: EnvelopeShare; luckiest: boolean }) {
  const name = nameOf(share.opener);
  return (
    <li class="envelope-detail__row" data-testid="envelope-share">
      <Avatar name={name} seed={share.opener.id} avatar={personOrNull(share.opener.id)?.avatar ?? null} size={40} />
      <span class="envelope-detail__who">
        <span class="envelope-detail__name">{name}</span>
        <span class="envelope-detail__time">{formatDateTime(share.opened_at)}</span>
      </span>
      <span class="envelope-detail__got">
        <span class="envelope-detail__amount" data-testid="envelope-share-amount">
          {formatMoney(share.amount)}
        </span>
        {luckiest && (
          <span class="envelope-detail__luckiest" data-testid="envelope-luckiest">
            {t("envelope.luckiest")}
          </span>
        )}
      </span>
    </li>
  );
}

function summary(envelope: Envelope): string {
  const params = { opened: envelope.opened.length, count: envelope.count, total: formatMoney(envelope.total) };
  switch (envelope.status) {
    case "empty":
      return t("envelope.summary.empty", params);
    case "expired":
    case "returned":
      return t("envelope.summary.expired", params);
    case "open":
      return t("envelope.summary.open", params);
  }
}

function Detail({ envelope }: { envelope: Envelope }) {
  const sender = nameOf(envelope.sender);
  return (
    <div class="envelope-detail">
      <div class="envelope-detail__top" aria-hidden="true" />
      <div class="envelope-detail__head">
        <div class="envelope-detail__sender">
          <Avatar name={sender} seed={envelope.sender.id} avatar={personOrNull(envelope.sender.id)?.avatar ?? null} size={28} />
          <span data-testid="envelope-detail-sender">{t("envelope.from", { name: sender })}</span>
          {envelope.kind === "lucky" && envelope.count > 1 && <span class="envelope-detail__lucky">{t("envelope.lucky_tag")}</span>}
        </div>
        <p class="envelope-detail__greeting">{envelope.greeting}</p>
        {envelope.mine && (
          <>
            <p class="envelope-detail__mine" data-testid="envelope-mine">
              {formatMinor(envelope.mine.amount)}
              <span class="envelope-detail__mine-unit">{t("envelope.yuan")}</span>
            </p>
            <button type="button" class="envelope-detail__wallet" onClick={() => navigate("/me/wallet")}>
              {t("envelope.in_wallet")}
            </button>
          </>
        )}
      </div>
      <p class="envelope-detail__summary" data-testid="envelope-summary">
        {summary(envelope)}
      </p>
      <ul class="envelope-detail__list">
        {envelope.opened.map((share) => (
          <ShareRow key={share.opener.id} share={share} luckiest={share.opener.id === envelope.luckiest} />
        ))}
      </ul>
      {envelope.status === "returned" && <p class="envelope-detail__note">{t("envelope.returned_note")}</p>}
    </div>
  );
}

export function EnvelopeDetailPage({ id }: { id: string }) {
  const envelope = envelopes.value.get(id);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void fetchEnvelope(id).catch((caught: unknown) => setError(walletErrorMessage(caught)));
  }, [id]);

  let body;
  if (envelope) body = <Detail envelope={envelope} />;
  else if (error) body = <ErrorState title={error} />;
  else body = <LoadingState />;

  return (
    <Page title={t("envelope.detail_title")} onBack={() => back(envelope ? `/chats/${envelope.conversation_id}` : "/chats")} testid="envelope-detail-page">
      {body}
    </Page>
  );
}
