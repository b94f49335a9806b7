// A red envelope in chat: WeChat's red card (the envelope, the greeting, "Red envelope"
// underneath), paler with "Opened", "All taken" or "Expired" once it is. Tapping it opens
// the envelope (the dialog with the big "Open" button) or, when there is nothing left for
// me to open, its detail page.

import { useEffect, useState } from "preact/hooks";
import type { Envelope, EnvelopeContent } from "../../api/types";
import { me } from "../../identity/store";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { EnvelopeIcon } from "./EnvelopeIcon";
import { OpenDialog } from "./OpenDialog";
import { ensureEnvelope, envelopes } from "./store";
import "./envelopes.css";

type CardState = "open" | "opened" | "empty" | "expired" | "sent";

/** What the card shows: known from the envelope once loaded, else from the message alone. */
function cardState(content: EnvelopeContent, envelope: Envelope | undefined, myId: string | undefined): CardState {
  if (envelope?.mine) return "opened";
  if (envelope?.status === "empty") return envelope.direct ? "opened" : "empty";
  if (envelope?.status === "expired" || envelope?.status === "returned") return "expired";
  if (Date.parse(content.expires_at) <= Date.now()) return "expired";
  // The sender of a 1:1 envelope cannot open it: their card just says it was sent.
  if (envelope?.direct && envelope.sender.id === myId) return "sent";
  return "open";
}

export function EnvelopeBubble({ content }: { content: EnvelopeContent }) {
  const [dialog, setDialog] = useState(false);
  const id = content.envelope_id;
  useEffect(() => ensureEnvelope(id), [id]);
  const envelope = envelopes.value.get(id);
  const state = cardState(content, envelope, me.value?.id);
  const done = state !== "open" && state !== "sent";
  const labels: Record<CardState, string> = {
    open: "",
    sent: "",
    opened: t("envelope.card.opened"),
    empty: t("envelope.card.empty"),
    expired: t("envelope.card.expired"),
  };

  return (
    <>
      <button
        type="button"
        class={done ? "envelope-card envelope-card--done" : "envelope-card"}
        data-testid="message-envelope"
        data-envelope-id={id}
        data-state={envelope ? state : "loading"}
        onClick={() => {
          if (state === "open") setDialog(true);
          else navigate(`/me/wallet/envelopes/${id}`);
        }}
      >
        <span class="envelope-card__main">
          <EnvelopeIcon size={40} tone={done ? "muted" : "card"} />
          <span class="envelope-card__text">
            <span class="envelope-card__greeting">{content.greeting}</span>
            {labels[state] && (
              <span class="envelope-card__status" data-testid="envelope-card-status">
                {labels[state]}
              </span>
            )}
          </span>
        </span>
        <span class="envelope-card__footer">{t("envelope.title")}</span>
      </button>
      {dialog && <OpenDialog id={id} content={content} onClose={() => setDialog(false)} />}
    </>
  );
}
