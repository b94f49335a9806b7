// /dev/apps/<appid>/takings: what people paid inside the mini-program, the bank account it is
// settled to, and payouts to that account after the developer's payment PIN.

import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t, type MessageKey } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { errorCode, usePaymentKey } from "../../wallet/merchants/payments";
import { ShopPinSheet, usePinTries } from "../../wallet/merchants/ShopPinSheet";
import { AMOUNT_TYPING, formatMoney, parseAmount, toDecimal } from "../../wallet/money";
import {
  ACCOUNT_NUMBER_MAX,
  BANK_NAME_MAX,
  getTakings,
  payOut,
  setSettlementAccount,
  type BankOrder,
  type MiniappTakings,
} from "./api";
import { Frame } from "./Console";
import { Badge, FormRow, Panel } from "./parts";
import { useApp } from "./useApp";
import { useLoad } from "./useLoad";

const STATUS_TONES: Record<BankOrder["status"], string> = {
  pending: "pending",
  succeeded: "released",
  failed: "rejected",
  declined: "rejected",
};

/** Refusals about the amount or the account rather than the PIN: the sheet closes and the
 * payout form says them, in words about takings rather than the wallet or a shop. */
const PAYOUT_PROBLEMS = new Map<string, MessageKey>([
  ["wallet.insufficient_funds", "console.takings.error.over_takings"],
  ["wallet.amount_invalid", "console.takings.error.amount_invalid"],
  ["wallet.settlement_account_unlinked", "console.takings.error.unlinked"],
]);

/** "Plaza Bank ····0006", or null while no account is linked. */
function accountLabel(takings: MiniappTakings): string | null {
  const { settlement_linked: linked, settlement_bank_name: bank, settlement_account_last4: last4 } = takings;
  return linked && bank !== null && last4 !== null ? t("console.takings.account", { bank, last4 }) : null;
}

function Summary({ takings }: { takings: MiniappTakings }) {
  const account = accountLabel(takings);
  return (
    <Panel title={t("console.takings.balance")} testid="takings-summary">
      <div class="ctakings__balance" data-testid="takings-balance">
        {formatMoney(takings.takings)}
      </div>
      <dl class="cfacts">
        <div class="cfacts__row">
          <dt>{t("console.takings.account_label")}</dt>
          <dd class={account === null ? "cmuted" : undefined} data-testid="takings-account">
            {account ?? t("console.takings.no_account")}
          </dd>
        </div>
      </dl>
    </Panel>
  );
}

/** The PIN step of one payout: mounted while the sheet is open, so each opening starts afresh.
 * The payout's Idempotency-Key outlives it, for a retry of a try that may have got through. */
function PayoutSheet({
  appId,
  amount,
  shown,
  account,
  payout,
  onPaid,
  onRefused,
  onClose,
}: {
  appId: string;
  /** The decimal amount to send, or null for all the takings. */
  amount: string | null;
  /** "¥12.50". */
  shown: string;
  account: string;
  payout: ReturnType<typeof usePaymentKey>;
  onPaid: (order: BankOrder) => void;
  onRefused: (message: string) => void;
  onClose: () => void;
}) {
  const tries = usePinTries();

  async function submit(pin: string) {
    tries.start();
    try {
      onPaid(await payOut(appId, { amount, pin }, payout.key));
    } catch (caught) {
      payout.failed(caught);
      const problem = PAYOUT_PROBLEMS.get(errorCode(caught) ?? "");
      if (problem) onRefused(t(problem));
      else tries.fail(caught);
    }
  }

  return (
    <ShopPinSheet
      title={t("console.takings.payout_to", { account })}
      amount={shown}
      tries={tries}
      onSubmit={(pin) => void submit(pin)}
      onClose={onClose}
    />
  );
}

function PayoutForm({ appId, takings, onPaid }: { appId: string; takings: MiniappTakings; onPaid: (order: BankOrder) => void }) {
  const [typed, setTyped] = useState("");
  const [sheet, setSheet] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const payout = usePaymentKey();
  const balance = takings.takings;
  const all = typed.trim() === "";
  const minor = all ? balance.amount : parseAmount(typed);
  const account = accountLabel(takings);
  const ready = account !== null && minor !== null && minor > 0 && minor <= balance.amount;

  return (
    <Panel title={t("console.takings.payout")} testid="takings-payout-form">
      <form
        class="cform"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) setSheet(true);
        }}
      >
        <FormRow
          label={t("console.takings.amount")}
          htmlFor="takings-amount"
          hint={balance.amount > 0 ? t("console.takings.amount_hint", { amount: formatMoney(balance) }) : t("console.takings.nothing")}
        >
          <input
            id="takings-amount"
            class={problem === null ? "cinput" : "cinput cinput--error"}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={typed}
            placeholder={t("console.takings.amount_all")}
            data-testid="takings-amount"
            onInput={(event) => {
              const element = event.currentTarget;
              if (!AMOUNT_TYPING.test(element.value)) {
                element.value = typed;
                return;
              }
              setTyped(element.value);
              setProblem(null);
            }}
          />
          <FieldError message={problem} />
        </FormRow>
        {account === null && <p class="cnote cnote--in-panel">{t("console.takings.link_first")}</p>}
        <div class="cform__actions">
          <Button type="submit" disabled={!ready} testid="takings-payout">
            {t("console.takings.payout")}
          </Button>
        </div>
      </form>
      {sheet && account !== null && minor !== null && (
        <PayoutSheet
          appId={appId}
          amount={all ? null : toDecimal(minor)}
          shown={formatMoney({ amount: minor, currency: balance.currency })}
          account={account}
          payout={payout}
          onPaid={(order) => {
            payout.next();
            setSheet(false);
            setTyped("");
            onPaid(order);
          }}
          onRefused={(message) => {
            setSheet(false);
            setProblem(message);
          }}
          onClose={() => setSheet(false)}
        />
      )}
    </Panel>
  );
}

function AccountForm({ appId, takings, onLinked }: { appId: string; takings: MiniappTakings; onLinked: (takings: MiniappTakings) => void }) {
  const [bankName, setBankName] = useState(takings.settlement_bank_name ?? "");
  const [number, setNumber] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field = error instanceof ApiError ? error.field : null;
  const message = error === null ? null : errorMessage(error);
  const onField = field === "settlement_bank_name" || field === "settlement_account_number";
  const ready = bankName.trim() !== "" && number.trim() !== "";

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      onLinked(await setSettlementAccount(appId, { settlement_bank_name: bankName.trim(), settlement_account_number: number.trim() }));
      setNumber("");
      showToast(t("console.takings.linked"));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title={takings.settlement_linked ? t("console.takings.change_account") : t("console.takings.link_account")} testid="takings-account-form">
      <form
        class="cform"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) void submit();
        }}
      >
        <FormRow label={t("console.takings.bank_name")} htmlFor="takings-bank-name">
          <input
            id="takings-bank-name"
            class={field === "settlement_bank_name" ? "cinput cinput--error" : "cinput"}
            type="text"
            value={bankName}
            maxLength={BANK_NAME_MAX}
            autoComplete="off"
            data-testid="takings-bank-name"
            onInput={(event) => {
              setBankName(event.currentTarget.value);
              setError(null);
            }}
          />
          <FieldError message={field === "settlement_bank_name" ? message : null} />
        </FormRow>
        <FormRow label={t("console.takings.account_number")} htmlFor="takings-account-number" hint={t("console.takings.account_number_hint")}>
          <input
            id="takings-account-number"
            class={field === "settlement_account_number" ? "cinput cinput--error cmono" : "cinput cmono"}
            type="text"
            inputMode="numeric"
            value={number}
            maxLength={ACCOUNT_NUMBER_MAX}
            autoComplete="off"
            data-testid="takings-account-number"
            onInput={(event) => {
              const element = event.currentTarget;
              if (!/^[\d ]*$/.test(element.value)) {
                element.value = number;
                return;
              }
              setNumber(element.value);
              setError(null);
            }}
          />
          <FieldError message={field === "settlement_account_number" ? message : null} />
        </FormRow>
        <FieldError message={onField ? null : message} />
        <div class="cform__actions">
          <Button type="submit" busy={busy} disabled={!ready} testid="takings-link">
            {takings.settlement_linked ? t("console.takings.change") : t("console.takings.link")}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

function SettlementRow({ order }: { order: BankOrder }) {
  return (
    <div class="csettlement" data-testid="takings-settlement" data-status={order.status}>
      <span class="csettlement__amount">{formatMoney(order.amount)}</span>
      <span class="csettlement__status">
        <Badge tone={STATUS_TONES[order.status]}>{t(`bank.status.${order.status}`)}</Badge>
      </span>
      <span class="csettlement__account">{t("console.takings.account", { bank: order.bank_name, last4: order.card_last4 })}</span>
      <span class="csettlement__time">{formatDateTime(order.created_at)}</span>
    </div>
  );
}

function SettlementList({ settlements }: { settlements: BankOrder[] }) {
  return (
    <Panel title={t("console.takings.payouts")} testid="takings-settlements" flush>
      {settlements.length === 0 ? (
        <p class="cempty__text cempty__text--pad">{t("console.takings.no_payouts")}</p>
      ) : (
        <>
          <div class="csettlement csettlement--head" aria-hidden="true">
            <span>{t("console.takings.col.amount")}</span>
            <span>{t("console.takings.col.status")}</span>
            <span>{t("console.takings.col.account")}</span>
            <span>{t("console.takings.col.created")}</span>
          </div>
          {settlements.map((order) => (
            <SettlementRow key={order.id} order={order} />
          ))}
        </>
      )}
    </Panel>
  );
}

export function TakingsPage({ appId }: { appId: string }) {
  useApp(appId);
  const takings = useLoad(() => getTakings(appId), [appId]);

  const data = takings.data;
  let body;
  if (data === null && takings.error !== null) {
    body = <ErrorState title={t("console.error")} message={errorMessage(takings.error)} onRetry={takings.reload} />;
  } else if (data === null) body = <LoadingState />;
  else {
    body = (
      <>
        <p class="cintro">{t("console.takings.intro")}</p>
        <div class="cgrid">
          <div class="cgrid__main">
            <Summary takings={data} />
            <PayoutForm
              appId={appId}
              takings={data}
              onPaid={(order) => {
                showToast(t("console.takings.paid_out", { amount: formatMoney(order.amount) }));
                takings.reload();
              }}
            />
          </div>
          <div class="cgrid__side">
            <AccountForm appId={appId} takings={data} onLinked={takings.set} />
          </div>
        </div>
        <SettlementList settlements={data.settlements} />
      </>
    );
  }

  return (
    <Frame title={t("console.nav.takings")} backTo="/dev" place={{ appId, section: "takings" }} testid="console-takings-page">
      {body}
    </Frame>
  );
}
