// Opening a red envelope, as WeChat does it: the red envelope over the chat with who sent
// it, the greeting and a big round "Open" button; once opened, its detail page. When
// nothing is left for me it says so, with a link to see who got what.

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { EnvelopeContent } from "../../api/types";
import { personOrNull } from "../../contacts/store";
import { personName } from "../../chat/describe";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Avatar } from "../../ui/Avatar";
import { CloseIcon } from "../../ui/icons";
import { Overlay } from "../../ui/Overlay";
import { useEscape } from "../../ui/useEscape";
import { walletErrorMessage } from "../errors";
import { ensureEnvelope, envelopes, openEnvelope } from "./store";

/** Refusals after which the dialog shows why instead of the button. */
const NOTHING_LEFT: Record<string, "empty" | "expired"> = {
  "wallet.envelope_empty": "empty",
  "wallet.envelope_expired": "expired",
};

export function OpenDialog({ id, content, onClose }: { id: string; content: EnvelopeContent; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState<"empty" | "expired" | null>(null);
  useEscape(onClose);
  useEffect(() => ensureEnvelope(id), [id]);
  const envelope = envelopes.value.get(id);
  const senderId = envelope?.sender.id ?? "";
  const senderName = (senderId && personName(senderId)) || envelope?.sender.name || "…";
  const status = envelope?.status;
  const shown = over ?? (status === "empty" ? "empty" : status === "expired" || status === "returned" ? "expired" : null);
  const detail = `/me/wallet/envelopes/${id}`;

  async function open() {
    setBusy(true);
    setError(null);
    try {
      await openEnvelope(id);
      navigate(detail);
    } catch (caught) {
      setBusy(false);
      const code = caught instanceof ApiError ? caught.code : "";
      if (code === "wallet.envelope_already_opened") navigate(detail);
      else if (NOTHING_LEFT[code]) setOver(NOTHING_LEFT[code] ?? null);
      else setError(walletErrorMessage(caught));
    }
  }

  return (
    <Overlay>
      <div class="overlay overlay--center" onClick={busy ? undefined : onClose}>
        <div
          class="envelope-open"
          role="dialog"
          aria-modal="true"
          aria-label={t("envelope.title")}
          data-testid="envelope-open-dialog"
          onClick={(event) => event.stopPropagation()}
        >
          <button type="button" class="envelope-open__close" aria-label={t("common.close")} data-testid="envelope-open-close" onClick={onClose}>
            <CloseIcon size={22} />
          </button>
          <div class="envelope-open__sender">
            <Avatar name={senderName} seed={senderId || id} avatar={personOrNull(senderId)?.avatar ?? null} size={40} />
            <span>{t("envelope.from", { name: senderName })}</span>
          </div>
          <p class="envelope-open__greeting" data-testid="envelope-open-greeting">
            {shown === "empty" ? t("envelope.open.empty") : shown === "expired" ? t("envelope.open.expired") : content.greeting}
          </p>
          <p class="envelope-open__error" role="alert">
            {error}
          </p>
          <div class="envelope-open__flap">
            {shown === null && (
              <button
                type="button"
                class={busy ? "envelope-open__button envelope-open__button--busy" : "envelope-open__button"}
                disabled={busy}
                data-testid="envelope-open-button"
                onClick={() => void open()}
              >
                {t("envelope.open.button")}
              </button>
            )}
          </div>
          <button type="button" class="envelope-open__details" data-testid="envelope-open-details" onClick={() => navigate(detail)}>
            {t("envelope.open.details")}
          </button>
        </div>
      </div>
    </Overlay>
  );
}
