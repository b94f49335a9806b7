// A transfer opened from its card: the amount and memo; to its recipient while pending,
// "Accept" and "Return"; to its sender, "Waiting for {name} to accept".

import { useEffect, useState } from "preact/hooks";
import type { TransferContent } from "../api/types";
import { personName } from "../chat/describe";
import { me } from "../identity/store";
import { t } from "../i18n/t";
import { Button } from "../ui/Button";
import { FieldError } from "../ui/FieldError";
import { CloseIcon, YuanIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { Spinner } from "../ui/Spinner";
import { useEscape } from "../ui/useEscape";
import { walletErrorMessage } from "./errors";
import { formatMoney } from "./money";
import { acceptTransfer, refreshTransfer, returnTransfer, transfers } from "./store";

export function TransferSheet({ content, onClose }: { content: TransferContent; onClose: () => void }) {
  const id = content.transfer_id;
  const transfer = transfers.value.get(id);
  const [busy, setBusy] = useState<"accept" | "return" | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEscape(onClose);
  useEffect(() => refreshTransfer(id), [id]);

  const toMe = content.recipient_id === me.value?.id;
  const status = transfer?.status ?? null;
  const other = toMe ? (transfer ? personName(transfer.sender_id) : "") : personName(content.recipient_id);

  async function act(action: "accept" | "return") {
    setBusy(action);
    setError(null);
    try {
      await (action === "accept" ? acceptTransfer(id) : returnTransfer(id));
    } catch (caught) {
      setError(walletErrorMessage(caught));
      refreshTransfer(id);
    } finally {
      setBusy(null);
    }
  }

  let state;
  let actions = null;
  if (status === null) state = <Spinner size={20} />;
  else if (status === "pending" && toMe) {
    state = <p class="transfer-sheet__state">{t("wallet.sheet.pending_you")}</p>;
    actions = (
      <div class="transfer-sheet__actions">
        <Button block busy={busy === "accept"} disabled={busy !== null} testid="transfer-accept" onClick={() => void act("accept")}>
          {t("wallet.accept")}
        </Button>
        <button type="button" class="link-button" disabled={busy !== null} data-testid="transfer-return" onClick={() => void act("return")}>
          {busy === "return" ? <Spinner size={16} /> : t("wallet.return")}
        </button>
      </div>
    );
  } else if (status === "pending") {
    state = (
      <p class="transfer-sheet__state" data-testid="transfer-waiting">
        {t("wallet.sheet.waiting", { name: other || "…" })}
      </p>
    );
  } else if (status === "accepted") {
    state = (
      <p class="transfer-sheet__state" data-testid="transfer-done">
        {toMe ? t("wallet.sheet.accepted_you") : t("wallet.sheet.accepted", { name: other || "…" })}
      </p>
    );
  } else {
    state = (
      <p class="transfer-sheet__state" data-testid="transfer-done">
        {toMe ? t("wallet.sheet.returned_you") : t("wallet.sheet.returned", { name: other || "…" })}
      </p>
    );
  }

  return (
    <Overlay>
      <div class="overlay overlay--bottom" onClick={onClose}>
        <div
          class="transfer-sheet"
          role="dialog"
          aria-modal="true"
          data-testid="transfer-sheet"
          data-status={status ?? "loading"}
          onClick={(event) => event.stopPropagation()}
        >
          <button type="button" class="pin-sheet__close" aria-label={t("common.close")} data-testid="transfer-sheet-close" onClick={onClose}>
            <CloseIcon size={22} />
          </button>
          <span class={status === "pending" || status === null ? "transfer-sheet__icon" : "transfer-sheet__icon transfer-sheet__icon--done"}>
            <YuanIcon size={36} />
          </span>
          {state}
          <div class="transfer-sheet__amount" data-testid="transfer-sheet-amount">
            {formatMoney(content)}
          </div>
          {content.memo && <div class="transfer-sheet__memo">{content.memo}</div>}
          {actions}
          <FieldError message={error} />
        </div>
      </div>
    </Overlay>
  );
}
