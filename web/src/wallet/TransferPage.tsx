// Transfer to the other person of a 1:1 chat: amount (¥, up to 2 decimals) and a memo,
// then the PIN sheet; the transfer is sent as a card in that chat.

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import type { Conversation } from "../api/types";
import { personOrNull } from "../contacts/store";
import { conversationTitle } from "../chat/describe";
import { conversationById, fetchConversation } from "../chat/store";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { Button } from "../ui/Button";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { sendTransfer } from "./api";
import { walletErrorMessage } from "./errors";
import { AMOUNT_TYPING, currencySymbol, formatMinor, parseAmount, toDecimal } from "./money";
import { PinSheet } from "./PinSheet";
import { rememberTransfer, wallet } from "./store";

const MEMO_MAX = 100;
const CURRENCY = "CNY";
/** Problems fixed on the Wallet page: the sheet links there. */
const WALLET_FIXES = new Set(["wallet.real_name_required", "wallet.pin_not_set", "wallet.pin_locked"]);

function newKey(): string {
  return crypto.randomUUID();
}

function TransferForm({ conversation }: { conversation: Conversation }) {
  const peer = conversation.peer;
  const [amount, setAmount] = useState("");
  const [memo, setMemo] = useState("");
  const [sheet, setSheet] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // One key per payment: kept when a try did not get through (so the retry cannot pay twice),
  // renewed once the server has refused it.
  const [key, setKey] = useState(newKey);
  const minor = parseAmount(amount);
  const currency = wallet.value?.balance.currency ?? CURRENCY;
  const name = conversationTitle(conversation);
  const profile = peer ? personOrNull(peer.id) ?? peer : null;

  async function pay(pin: string) {
    if (!peer || minor === null) return;
    setBusy(true);
    setError(null);
    setCode(null);
    try {
      const transfer = await sendTransfer(
        { to: peer.id, amount: toDecimal(minor), memo: memo.trim(), pin, conversation_id: conversation.id },
        key,
      );
      rememberTransfer(transfer);
      navigate(`/chats/${conversation.id}`, { replace: true });
    } catch (caught) {
      setBusy(false);
      setAttempt((n) => n + 1);
      setError(walletErrorMessage(caught));
      if (caught instanceof ApiError) {
        setCode(caught.code);
        // Refused (4xx): nothing moved, so the next try is a new payment. A network error,
        // a 5xx or a twin still in flight keep the key: the retry is the same payment.
        const refused = caught.status >= 400 && caught.status < 500 && caught.code !== "idempotency.in_flight";
        if (refused) setKey(newKey());
      }
    }
  }

  return (
    <div class="transfer-page">
      <div class="transfer-page__peer" data-testid="transfer-peer">
        <Avatar name={name} seed={peer?.id ?? conversation.id} avatar={profile?.avatar ?? null} size={56} />
        <span class="transfer-page__name">{t("wallet.transfer_to", { name })}</span>
      </div>
      <div class="transfer-page__panel">
        <label class="transfer-page__label" for="transfer-amount">
          {t("wallet.transfer_amount")}
        </label>
        <div class="transfer-page__amount">
          <span class="transfer-page__currency">{currencySymbol(currency)}</span>
          <input
            id="transfer-amount"
            class="transfer-page__amount-input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            placeholder="0.00"
            data-testid="transfer-amount"
            onInput={(event) => {
              const element = event.currentTarget;
              const text = element.value.replace(/^0+(?=\d)/, "");
              if (AMOUNT_TYPING.test(text)) setAmount(text);
              else element.value = amount;
            }}
          />
        </div>
        <input
          class="transfer-page__memo"
          type="text"
          value={memo}
          maxLength={MEMO_MAX}
          placeholder={t("wallet.transfer_memo")}
          data-testid="transfer-memo"
          onInput={(event) => setMemo(event.currentTarget.value)}
        />
        <Button
          block
          disabled={minor === null || !peer}
          testid="transfer-submit"
          onClick={() => {
            setError(null);
            setCode(null);
            setSheet(true);
          }}
        >
          {t("wallet.transfer")}
        </Button>
      </div>
      {sheet && minor !== null && (
        <PinSheet
          title={t("wallet.transfer_to", { name })}
          amount={`${currencySymbol(currency)}${formatMinor(minor)}`}
          busy={busy}
          error={error}
          attempt={attempt}
          extra={
            code !== null && WALLET_FIXES.has(code) ? (
              <button type="button" class="link-button" data-testid="pin-sheet-wallet-link" onClick={() => navigate("/me/wallet")}>
                {t("wallet.go_wallet")}
              </button>
            ) : undefined
          }
          onSubmit={(pin) => void pay(pin)}
          onClose={() => {
            if (!busy) setSheet(false);
          }}
        />
      )}
    </div>
  );
}

export function TransferPage({ id }: { id: string }) {
  const conversation = conversationById(id);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (!conversation) void fetchConversation(id).then((found) => setMissing(found === null && !conversationById(id)));
  }, [id]);

  let body;
  if (conversation && conversation.kind === "direct") body = <TransferForm conversation={conversation} />;
  else if (conversation || missing) body = <ErrorState title={t("wallet.transfer_unavailable")} />;
  else body = <LoadingState />;

  return (
    <Page title={t("wallet.transfer")} onBack={() => back(`/chats/${id}`)} testid="transfer-page">
      {body}
    </Page>
  );
}
