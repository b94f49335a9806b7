// The group's QR code: a join link valid for 7 days, drawn here, scanned by members-to-be.

import { useEffect, useState } from "preact/hooks";
import type { JoinLink } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { formatDate } from "../i18n/format";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { Page } from "../ui/Page";
import { QrCode } from "../ui/QrCode";
import { ErrorState, LoadingState } from "../ui/States";
import * as chatApi from "./api";
import { ConversationAvatar } from "./ConversationAvatar";
import { conversationTitle } from "./describe";
import { conversationById } from "./store";

export function GroupQrPage({ id }: { id: string }) {
  const conversation = conversationById(id);
  const [link, setLink] = useState<JoinLink | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    setLink(null);
    chatApi.createJoinLink(id).then(setLink, setError);
  }
  useEffect(load, [id]);

  let body;
  if (error !== null) body = <ErrorState title={t("chat.qr.error")} message={errorMessage(error)} onRetry={load} />;
  else if (!link || !conversation) body = <LoadingState />;
  else {
    body = (
      <div class="qr-card" data-testid="group-qr">
        <div class="qr-card__head">
          <ConversationAvatar conversation={conversation} size={52} />
          <span class="qr-card__name">{conversationTitle(conversation)}</span>
        </div>
        <QrCode text={link.url} size={232} testid="group-qr-code" />
        <p class="qr-card__hint">{t("chat.qr.hint", { date: formatDate(link.expires_at) })}</p>
        <Button
          variant="default"
          size="small"
          testid="group-qr-copy"
          onClick={() => {
            void navigator.clipboard
              ?.writeText(link.url)
              .then(() => showToast(t("chat.qr.copied")))
              .catch(() => undefined);
          }}
        >
          {t("chat.qr.copy")}
        </Button>
      </div>
    );
  }
  return (
    <Page title={t("chat.info.qr")} onBack={() => back(`/chats/${id}/info`)} testid="group-qr-page">
      {body}
    </Page>
  );
}
