// Top up from a linked card, or withdraw to one: choose the card, type the amount (a
// withdrawal shows what is available and can take it all), confirm with the PIN. The
// order then shows on its status page until the bank settles it.

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Cell, CellGroup } from "../../ui/Cell";
import { CheckIcon, PlusIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { walletErrorMessage } from "../errors";
import { AMOUNT_TYPING, currencySymbol, formatMinor, formatMoney, parseAmount, toDecimal } from "../money";
import { PinSheet } from "../PinSheet";
import { loadWallet, wallet } from "../store";
import { type CardOrderKind, placeOrder } from "./api";
import { BankCardGlyph, cardLabel } from "./BankCardTile";
import { cards, loadCards, rememberOrder } from "./store";
import "./bank.css";

const TEXT = {
  top_up: { title: "bank.top_up", submit: "bank.top_up", sheet: "bank.top_up_from", testid: "top-up-page" },
  withdrawal: { title: "bank.withdraw", submit: "bank.withdraw", sheet: "bank.withdraw_to", testid: "withdraw-page" },
} as const;

function newKey(): string {
  return crypto.randomUUID();
}

function OrderForm({ kind }: { kind: CardOrderKind }) {
  const linked = cards.value ?? [];
  const [cardId, setCardId] = useState<string | null>(linked[0]?.id ?? null);
  const [amount, setAmount] = useState("");
  const [sheet, setSheet] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // One key per order: kept when a try did not get through (so the retry cannot place it
  // twice), renewed once the server has refused it.
  const [key, setKey] = useState(newKey);
  const minor = parseAmount(amount);
  const balance = wallet.value?.balance;
  const card = linked.find((each) => each.id === cardId) ?? null;
  const text = TEXT[kind];

  async function place(pin: string) {
    if (card === null || minor === null) return;
    setBusy(true);
    setError(null);
    try {
      const order = await placeOrder(kind, { card_id: card.id, amount: toDecimal(minor), pin }, key);
      rememberOrder(order);
      void loadWallet().catch(() => undefined);
      navigate(`/me/wallet/bank-orders/${order.id}`, { replace: true });
    } catch (caught) {
      setBusy(false);
      setAttempt((n) => n + 1);
      setError(walletErrorMessage(caught));
      if (caught instanceof ApiError) {
        const refused = caught.status >= 400 && caught.status < 500 && caught.code !== "idempotency.in_flight";
        if (refused) setKey(newKey());
      }
    }
  }

  if (linked.length === 0) {
    return (
      <div class="bank-empty" data-testid="bank-order-no-cards">
        <BankCardGlyph size={40} />
        <p class="bank-empty__text">{t("bank.no_cards_for_order")}</p>
        <Button size="small" testid="bank-order-add-card" onClick={() => navigate("/me/wallet/cards/new")}>
          {t("bank.add_card")}
        </Button>
      </div>
    );
  }

  return (
    <>
      <CellGroup title={t("bank.choose_card")}>
        {linked.map((each) => (
          <Cell
            key={each.id}
            icon={<BankCardGlyph />}
            title={cardLabel(each)}
            value={each.id === cardId ? <CheckIcon size={20} class="bank-check" /> : undefined}
            testid={`bank-card-option-${each.last4}`}
            onClick={() => setCardId(each.id)}
          />
        ))}
        <Cell
          icon={<PlusIcon size={22} />}
          title={t("bank.add_card")}
          arrow
          onClick={() => navigate("/me/wallet/cards/new")}
        />
      </CellGroup>
      <div class="transfer-page__panel bank-order__panel">
        <label class="transfer-page__label" for="bank-amount">
          {t("bank.amount")}
        </label>
        <div class="transfer-page__amount">
          <span class="transfer-page__currency">{currencySymbol(balance?.currency ?? "CNY")}</span>
          <input
            id="bank-amount"
            class="transfer-page__amount-input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            placeholder="0.00"
            data-testid="bank-amount"
            onInput={(event) => {
              const element = event.currentTarget;
              const typed = element.value.replace(/^0+(?=\d)/, "");
              if (AMOUNT_TYPING.test(typed)) setAmount(typed);
              else element.value = amount;
            }}
          />
        </div>
        {kind === "withdrawal" && balance && (
          <div class="bank-order__available">
            <span data-testid="bank-available">{t("bank.available", { amount: formatMoney(balance) })}</span>
            <button
              type="button"
              class="link-button"
              data-testid="bank-withdraw-all"
              disabled={balance.amount <= 0}
              onClick={() => setAmount(toDecimal(balance.amount))}
            >
              {t("bank.withdraw_all")}
            </button>
          </div>
        )}
        <Button
          block
          disabled={minor === null || card === null}
          testid="bank-submit"
          onClick={() => {
            setError(null);
            setSheet(true);
          }}
        >
          {t(text.submit)}
        </Button>
      </div>
      {sheet && minor !== null && card !== null && (
        <PinSheet
          title={t(text.sheet, { card: cardLabel(card) })}
          amount={`${currencySymbol(balance?.currency ?? "CNY")}${formatMinor(minor)}`}
          busy={busy}
          error={error}
          attempt={attempt}
          onSubmit={(pin) => void place(pin)}
          onClose={() => {
            if (!busy) setSheet(false);
          }}
        />
      )}
    </>
  );
}

export function BankOrderFormPage({ kind }: { kind: CardOrderKind }) {
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    Promise.all([loadCards(), loadWallet()]).catch(setError);
  }
  useEffect(load, []);

  let body;
  if (cards.value === null && error !== null) {
    body = <ErrorState title={t("bank.cards_error")} message={errorMessage(error)} onRetry={load} />;
  } else if (cards.value === null || wallet.value === null) {
    body = <LoadingState />;
  } else {
    body = <OrderForm kind={kind} />;
  }

  return (
    <Page title={t(TEXT[kind].title)} onBack={() => back("/me/wallet")} testid={TEXT[kind].testid}>
      {body}
    </Page>
  );
}
