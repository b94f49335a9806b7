// Pay a shop: what its receive QR opens (/pay/<merchant_id>?amount=12.50). The amount is
// the shop's when fixed, else typed; then the PIN sheet, then the receipt.

import { useEffect, useState } from "preact/hooks";
import type { MerchantPublic } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { currencySymbol, formatMinor, parseAmount, toDecimal } from "../money";
import { wallet } from "../store";
import { getMerchant, payMerchant } from "./api";
import { AmountInput } from "./AmountInput";
import { openReceipt, usePaymentKey } from "./payments";
import { ShopAvatar } from "./ShopAvatar";
import { ShopPinSheet, usePinTries } from "./ShopPinSheet";
import "./shops.css";

const CURRENCY = "CNY";
const NOTE_MAX = 100;

function PayForm({ shop, fixed }: { shop: MerchantPublic; fixed: number | null }) {
  const [typed, setTyped] = useState("");
  const [note, setNote] = useState("");
  const [sheet, setSheet] = useState(false);
  const tries = usePinTries();
  const payment = usePaymentKey();
  const minor = fixed ?? parseAmount(typed);
  const currency = wallet.value?.balance.currency ?? CURRENCY;

  async function pay(pin: string) {
    if (minor === null) return;
    tries.start();
    try {
      const paid = await payMerchant(
        { merchant_id: shop.id, amount: toDecimal(minor), pin, note: note.trim() },
        payment.key,
      );
      openReceipt(paid.id);
    } catch (caught) {
      tries.fail(caught);
      payment.failed(caught);
    }
  }

  return (
    <div class="transfer-page">
      <div class="transfer-page__peer" data-testid="pay-merchant">
        <ShopAvatar name={shop.business_name} size={56} />
        <span class="transfer-page__name">{t("shop.pay_to", { name: shop.business_name })}</span>
      </div>
      <div class="transfer-page__panel">
        <label class="transfer-page__label" for="pay-amount">
          {t("wallet.transfer_amount")}
        </label>
        {fixed !== null ? (
          <div class="transfer-page__amount shop-fixed-amount" data-testid="pay-fixed-amount">
            <span class="transfer-page__currency">{currencySymbol(currency)}</span>
            <span class="shop-fixed-amount__value">{formatMinor(fixed)}</span>
          </div>
        ) : (
          <AmountInput id="pay-amount" value={typed} currency={currency} testid="pay-amount" onChange={setTyped} />
        )}
        <input
          class="transfer-page__memo"
          type="text"
          value={note}
          maxLength={NOTE_MAX}
          placeholder={t("shop.note")}
          data-testid="pay-note"
          onInput={(event) => setNote(event.currentTarget.value)}
        />
        <Button
          block
          disabled={minor === null}
          testid="pay-submit"
          onClick={() => {
            tries.reset();
            setSheet(true);
          }}
        >
          {t("shop.pay")}
        </Button>
      </div>
      {sheet && minor !== null && (
        <ShopPinSheet
          title={t("shop.pay_to", { name: shop.business_name })}
          amount={`${currencySymbol(currency)}${formatMinor(minor)}`}
          tries={tries}
          onSubmit={(pin) => void pay(pin)}
          onClose={() => setSheet(false)}
        />
      )}
    </div>
  );
}

export function PayPage({ merchantId }: { merchantId: string }) {
  const [shop, setShop] = useState<MerchantPublic | null>(null);
  const [error, setError] = useState<unknown>(null);
  const amountParam = new URLSearchParams(location.search).get("amount");
  const fixed = amountParam === null ? null : parseAmount(amountParam);

  function load() {
    setError(null);
    getMerchant(merchantId).then(setShop, setError);
  }
  useEffect(load, [merchantId]);

  let body;
  if (amountParam !== null && fixed === null) body = <ErrorState title={t("shop.link_invalid")} />;
  else if (error !== null) body = <ErrorState title={t("shop.not_found")} message={errorMessage(error)} onRetry={load} />;
  else if (shop === null) body = <LoadingState />;
  else body = <PayForm shop={shop} fixed={fixed} />;

  return (
    <Page title={t("shop.pay")} onBack={() => back("/me/wallet")} testid="pay-page">
      {body}
    </Page>
  );
}
