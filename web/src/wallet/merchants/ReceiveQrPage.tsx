// The shop's receive QR to show customers: it opens the pay page for this shop, with a
// fixed amount when one is set here.

import { useEffect, useState } from "preact/hooks";
import type { MerchantPublic } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Page } from "../../ui/Page";
import { QrCode } from "../../ui/QrCode";
import { ErrorState, LoadingState } from "../../ui/States";
import { currencySymbol, formatMinor, parseAmount, toDecimal } from "../money";
import { getMerchant } from "./api";
import { AmountInput } from "./AmountInput";
import { payUrl } from "./payments";
import "./shops.css";

const CURRENCY = "CNY";

export function ReceiveQrPage({ merchantId }: { merchantId: string }) {
  const [shop, setShop] = useState<MerchantPublic | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [typed, setTyped] = useState("");
  const [fixed, setFixed] = useState<number | null>(null);

  function load() {
    setError(null);
    getMerchant(merchantId).then(setShop, setError);
  }
  useEffect(load, [merchantId]);

  let body;
  if (shop === null && error !== null)
    body = <ErrorState title={t("shop.not_found")} message={errorMessage(error)} onRetry={load} />;
  else if (shop === null) body = <LoadingState />;
  else
    body = (
      <div class="shop-code shop-code--receive">
        <p class="shop-code__title">{t("shop.receive_title", { name: shop.business_name })}</p>
        <QrCode text={payUrl(shop.id, fixed === null ? null : toDecimal(fixed))} size={232} testid="receive-qr" />
        {fixed !== null && (
          <p class="shop-code__amount" data-testid="receive-fixed-amount">
            {currencySymbol(CURRENCY)}
            {formatMinor(fixed)}
          </p>
        )}
        <p class="shop-code__hint">{t("shop.receive_hint")}</p>
        {editing ? (
          <div class="shop-code__set">
            <AmountInput id="receive-amount" value={typed} currency={CURRENCY} testid="receive-amount" onChange={setTyped} />
            <Button
              block
              disabled={parseAmount(typed) === null}
              testid="receive-amount-save"
              onClick={() => {
                setFixed(parseAmount(typed));
                setEditing(false);
              }}
            >
              {t("common.save")}
            </Button>
          </div>
        ) : (
          <button
            type="button"
            class="link-button"
            data-testid="receive-set-amount"
            onClick={() => {
              if (fixed === null) setEditing(true);
              else setFixed(null);
            }}
          >
            {fixed === null ? t("shop.set_amount") : t("shop.clear_amount")}
          </button>
        )}
      </div>
    );

  return (
    <Page title={t("shop.receive")} onBack={() => back("/me/wallet/merchant")} testid="receive-page">
      {body}
    </Page>
  );
}
