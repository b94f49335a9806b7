// A transfer in chat: WeChat's orange card (¥ icon, amount, memo or status, "Transfer"
// underneath), paler once accepted or returned. Tapping it opens the transfer's sheet.

import { useEffect, useState } from "preact/hooks";
import type { Transfer, TransferContent, TransferStatus } from "../api/types";
import { me } from "../identity/store";
import { t } from "../i18n/t";
import { YuanIcon } from "../ui/icons";
import { formatMoney } from "./money";
import { ensureTransfer, transfers } from "./store";
import { TransferSheet } from "./TransferSheet";

export function statusLabel(status: TransferStatus): string {
  switch (status) {
    case "pending":
      return t("wallet.status.pending");
    case "accepted":
      return t("wallet.status.accepted");
    case "returned":
      return t("wallet.status.returned");
  }
}

export function TransferBubble({ content }: { content: TransferContent }) {
  const [open, setOpen] = useState(false);
  const id = content.transfer_id;
  useEffect(() => ensureTransfer(id), [id]);
  const transfer: Transfer | undefined = transfers.value.get(id);
  const status = transfer?.status ?? null;
  const toMe = content.recipient_id === me.value?.id;
  const done = status === "accepted" || status === "returned";
  let line = content.memo;
  if (!line) {
    if (status === "accepted") line = toMe ? t("wallet.card.received") : t("wallet.card.accepted");
    else if (status === "returned") line = t("wallet.status.returned");
    else line = toMe ? t("wallet.card.to_you") : t("wallet.card.to_them");
  }

  return (
    <>
      <button
        type="button"
        class={done ? "transfer-card transfer-card--done" : "transfer-card"}
        data-testid="message-transfer"
        data-transfer-id={id}
        data-status={status ?? "loading"}
        onClick={() => setOpen(true)}
      >
        <span class="transfer-card__main">
          <span class="transfer-card__icon" aria-hidden="true">
            <YuanIcon size={22} />
          </span>
          <span class="transfer-card__text">
            <span class="transfer-card__amount">{formatMoney(content)}</span>
            <span class="transfer-card__memo">{line}</span>
          </span>
        </span>
        <span class="transfer-card__footer">
          <span>{t("wallet.transfer")}</span>
          {status && (
            <span class="transfer-card__status" data-testid="transfer-status">
              {statusLabel(status)}
            </span>
          )}
        </span>
      </button>
      {open && <TransferSheet content={content} onClose={() => setOpen(false)} />}
    </>
  );
}
