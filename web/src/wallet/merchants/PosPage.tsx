// The point of sale: type or scan the customer's payment code, type the amount, Charge. Up to the no-PIN limit the receipt opens at once; above it the page
// waits for the customer to confirm with their PIN on their phone.

import { useEffect, useState } from "preact/hooks";
import type { Payment } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { ScanIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { Spinner } from "../../ui/Spinner";
import { formatMoney, parseAmount, toDecimal } from "../money";
import { chargeCode } from "./api";
import { AmountInput } from "./AmountInput";
import { CODE_DIGITS, CodeScanner, digitsOf } from "./CodeScanner";
import { openReceipt, usePaymentKey } from "./payments";
import { lastReceipt } from "./store";
import "./shops.css";

const CURRENCY = "CNY";

export function PosPage({ merchantId }: { merchantId: string }) {
  const [code, setCode] = useState("");
  const [amount, setAmount] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<Payment | null>(null);
  const payment = usePaymentKey();
  const [scanning, setScanning] = useState(false);
  const minor = parseAmount(amount);
  const receipt = lastReceipt.value;

  useEffect(() => {
    if (waiting && receipt?.payment_id === waiting.id) openReceipt(waiting.id);
  }, [receipt, waiting]);

  async function charge() {
    if (minor === null) return;
    setBusy(true);
    setError(null);
    try {
      const made = await chargeCode(merchantId, { code, amount: toDecimal(minor) }, payment.key);
      if (made.status === "completed") openReceipt(made.id);
      else {
        setWaiting(made);
        setBusy(false);
      }
    } catch (caught) {
      payment.failed(caught);
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  if (waiting) {
    return (
      <Page title={t("shop.pos")} onBack={() => back("/me/wallet/merchant")} testid="pos-page">
        <div class="shop-receipt" data-testid="pos-waiting">
          <Spinner size={36} />
          <p class="shop-receipt__status">{t("shop.pos_waiting")}</p>
          <p class="shop-receipt__amount">{formatMoney(waiting.amount)}</p>
          <div class="wallet-form__actions">
            <Button
              block
              variant="default"
              testid="pos-new"
              onClick={() => {
                setWaiting(null);
                setCode("");
                setAmount("");
                payment.next();
              }}
            >
              {t("shop.pos_new")}
            </Button>
          </div>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t("shop.pos")} onBack={() => back("/me/wallet/merchant")} testid="pos-page">
      <div class="transfer-page__panel shop-pos">
        <label class="transfer-page__label" for="pos-code">
          {t("shop.pos_code")}
        </label>
        <div class="shop-pos__code">
          <input
            id="pos-code"
            class="shop-pos__code-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={code}
            placeholder={t("shop.pos_code_placeholder")}
            data-testid="pos-code"
            onInput={(event) => {
              setCode(digitsOf(event.currentTarget.value));
              setError(null);
              payment.next();
            }}
          />
          <button
            type="button"
            class="shop-pos__scan"
            aria-label={t("shop.pos_scan")}
            aria-pressed={scanning}
            data-testid="pos-scan"
            onClick={() => setScanning(!scanning)}
          >
            <ScanIcon size={22} />
          </button>
        </div>
        {scanning && (
          <CodeScanner
            onCode={(scanned) => {
              setCode(scanned);
              setScanning(false);
              payment.next();
            }}
          />
        )}
        <label class="transfer-page__label" for="pos-amount">
          {t("wallet.transfer_amount")}
        </label>
        <AmountInput
          id="pos-amount"
          value={amount}
          currency={CURRENCY}
          testid="pos-amount"
          onChange={(value) => {
            setAmount(value);
            payment.next();
          }}
        />
        <FieldError message={error} />
        <Button block busy={busy} disabled={minor === null || code.length !== CODE_DIGITS} testid="pos-charge" onClick={() => void charge()}>
          {t("shop.charge")}
        </Button>
      </div>
    </Page>
  );
}
