// Send a red envelope in a chat (WeChat's 发红包): lucky or equal shares, the amount, how
// many (in groups), a greeting, then the PIN sheet; the envelope is sent as a card there.

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { Conversation, EnvelopeCreate, EnvelopeKind } from "../../api/types";
import { conversationById, fetchConversation } from "../../chat/store";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { walletErrorMessage } from "../errors";
import { AMOUNT_TYPING, currencySymbol, formatMinor, parseAmount, toDecimal } from "../money";
import { PinSheet } from "../PinSheet";
import { wallet } from "../store";
import { rememberEnvelope } from "./store";
import { sendEnvelope } from "./api";
import "./envelopes.css";

/** WeChat's most a red envelope may hold, in fen (the server says so too). */
const MAX_TOTAL = 200_00;
const GREETING_MAX = 30;
const CURRENCY = "CNY";
/** Problems fixed on the Wallet page: the sheet links there. */
const WALLET_FIXES = new Set(["wallet.real_name_required", "wallet.pin_not_set", "wallet.pin_locked"]);

/** What the form would send, or the reason it cannot yet. */
function plan(kind: EnvelopeKind, minor: number | null, count: number | null, members: number) {
  if (minor === null || count === null || count < 1) return { total: null, problem: null };
  if (count > members) return { total: null, problem: t("envelope.too_many", { count: members }) };
  const total = kind === "lucky" ? minor : minor * count;
  if (total > MAX_TOTAL) return { total: null, problem: t("envelope.too_large") };
  if (total < count) return { total: null, problem: t("envelope.too_small") };
  return { total, problem: null };
}

function EnvelopeForm({ conversation }: { conversation: Conversation }) {
  const group = conversation.kind === "group";
  const [kind, setKind] = useState<EnvelopeKind>(group ? "lucky" : "equal");
  const [amount, setAmount] = useState("");
  const [countText, setCountText] = useState(group ? "" : "1");
  const [greeting, setGreeting] = useState("");
  const [sheet, setSheet] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // One key per envelope: kept when a try did not get through (so the retry cannot send
  // twice), renewed once the server has refused it.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const minor = parseAmount(amount);
  const count = /^\d{1,3}$/.test(countText) ? Number(countText) : null;
  const { total, problem } = plan(kind, minor, count, group ? conversation.member_count : 1);
  const currency = wallet.value?.balance.currency ?? CURRENCY;

  async function send(pin: string) {
    if (minor === null || count === null || total === null) return;
    setBusy(true);
    setError(null);
    setCode(null);
    const body: EnvelopeCreate = {
      conversation_id: conversation.id,
      kind,
      count,
      greeting: greeting.trim() || t("envelope.default_greeting"),
      pin,
      ...(kind === "lucky" ? { total: toDecimal(minor) } : { amount_each: toDecimal(minor) }),
    };
    try {
      rememberEnvelope(await sendEnvelope(body, key));
      navigate(`/chats/${conversation.id}`, { replace: true });
    } catch (caught) {
      setBusy(false);
      setAttempt((n) => n + 1);
      setError(walletErrorMessage(caught));
      if (caught instanceof ApiError) {
        setCode(caught.code);
        // Refused (4xx): nothing moved, so the next try is a new envelope. A network error,
        // a 5xx or a twin still in flight keep the key: the retry is the same envelope.
        if (caught.status >= 400 && caught.status < 500 && caught.code !== "idempotency.in_flight") {
          setKey(crypto.randomUUID());
        }
      }
    }
  }

  return (
    <div class="envelope-form">
      {group && (
        <div class="envelope-form__row">
          <label class="envelope-form__label" for="envelope-count">
            {t("envelope.count")}
          </label>
          <input
            id="envelope-count"
            class="envelope-form__input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t("envelope.count_placeholder")}
            value={countText}
            data-testid="envelope-count"
            onInput={(event) => setCountText(event.currentTarget.value.replace(/\D/g, "").slice(0, 3))}
          />
          <span class="envelope-form__unit">{t("envelope.count_unit")}</span>
        </div>
      )}
      {group && <p class="envelope-form__hint">{t("envelope.members", { count: conversation.member_count })}</p>}
      <div class="envelope-form__row">
        <label class="envelope-form__label" for="envelope-amount">
          {group && kind === "lucky" && <span class="envelope-form__lucky-tag">{t("envelope.lucky_tag")}</span>}
          {kind === "lucky" || !group ? t("envelope.total") : t("envelope.amount_each")}
        </label>
        <input
          id="envelope-amount"
          class="envelope-form__input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          value={amount}
          data-testid="envelope-amount"
          onInput={(event) => {
            const element = event.currentTarget;
            const text = element.value.replace(/^0+(?=\d)/, "");
            if (AMOUNT_TYPING.test(text)) setAmount(text);
            else element.value = amount;
          }}
        />
        <span class="envelope-form__unit">{t("envelope.yuan")}</span>
      </div>
      {group && (
        <p class="envelope-form__hint">
          {kind === "lucky" ? t("envelope.now_lucky") : t("envelope.now_equal")}{" "}
          <button
            type="button"
            class="envelope-form__switch"
            data-testid={kind === "lucky" ? "envelope-kind-equal" : "envelope-kind-lucky"}
            onClick={() => setKind(kind === "lucky" ? "equal" : "lucky")}
          >
            {kind === "lucky" ? t("envelope.switch_equal") : t("envelope.switch_lucky")}
          </button>
        </p>
      )}
      <div class="envelope-form__row envelope-form__row--greeting">
        <input
          class="envelope-form__input envelope-form__input--greeting"
          type="text"
          maxLength={GREETING_MAX}
          placeholder={t("envelope.default_greeting")}
          aria-label={t("envelope.greeting")}
          value={greeting}
          data-testid="envelope-greeting"
          onInput={(event) => setGreeting(event.currentTarget.value)}
        />
      </div>
      <p class="envelope-form__problem" role="alert" data-testid="envelope-problem">
        {problem}
      </p>
      <div class="envelope-form__total" data-testid="envelope-total">
        <span class="envelope-form__currency">{currencySymbol(currency)}</span>
        {formatMinor(total ?? 0)}
      </div>
      <button
        type="button"
        class="envelope-form__submit"
        disabled={total === null}
        data-testid="envelope-submit"
        onClick={() => {
          setError(null);
          setCode(null);
          setSheet(true);
        }}
      >
        {t("envelope.submit")}
      </button>
      <p class="envelope-form__note">{t("envelope.refund_note")}</p>
      {sheet && total !== null && (
        <PinSheet
          title={t("envelope.title")}
          amount={`${currencySymbol(currency)}${formatMinor(total)}`}
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
          onSubmit={(pin) => void send(pin)}
          onClose={() => {
            if (!busy) setSheet(false);
          }}
        />
      )}
    </div>
  );
}

export function EnvelopePage({ id }: { id: string }) {
  const conversation = conversationById(id);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (!conversation) void fetchConversation(id).then((found) => setMissing(found === null && !conversationById(id)));
  }, [id]);

  let body;
  if (conversation) body = <EnvelopeForm conversation={conversation} />;
  else if (missing) body = <ErrorState title={t("envelope.unavailable")} />;
  else body = <LoadingState />;

  return (
    <Page title={t("envelope.send_title")} onBack={() => back(`/chats/${id}`)} testid="envelope-page">
      {body}
    </Page>
  );
}
