// Me → Wallet → Money code: my payment code for a shop's till. The secret is fetched once
// (PIN required) and kept on this device; the 18 digits are made here every minute, so
// the page keeps working offline. A charge over the no-PIN limit asks for my PIN here,
// and a completed payment opens its receipt.

import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../../api/types";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { QrCode } from "../../ui/QrCode";
import { Page } from "../../ui/Page";
import { formatMoney } from "../money";
import { confirmPayment, newPaymentCodeSecret } from "./api";
import { Barcode } from "./Barcode";
import { codeFor, groupDigits, loadSecret, saveSecret, stepAt, type StoredSecret } from "./paymentCode";
import { openReceipt, usePaymentKey } from "./payments";
import { ShopPinSheet, usePinTries } from "./ShopPinSheet";
import { awaitingPin, lastReceipt, type PaymentEvent } from "./store";
import "./shops.css";

const TICK_MS = 1000;

/** The code on screen, renewed at each minute, with the seconds it has left. */
function useLiveCode(secret: StoredSecret): { code: string | null; secondsLeft: number } {
  const [now, setNow] = useState(Date.now);
  const [code, setCode] = useState<string | null>(null);
  const { step, secondsLeft } = stepAt(secret, now);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    let live = true;
    codeFor(secret, step).then(
      (made) => live && setCode(made),
      () => live && setCode(null),
    );
    return () => {
      live = false;
    };
  }, [secret, step]);
  return { code, secondsLeft };
}

function LiveCode({ secret }: { secret: StoredSecret }) {
  const { code, secondsLeft } = useLiveCode(secret);
  if (code === null) return <p class="shop-code__hint">{t("shop.code_unavailable")}</p>;
  return (
    <>
      <Barcode digits={code} testid="money-code-barcode" />
      <p class="shop-code__digits" data-testid="money-code-digits" data-code={code}>
        {groupDigits(code)}
      </p>
      <QrCode text={code} size={200} testid="money-code-qr" />
      <p class="shop-code__hint" data-testid="money-code-countdown">
        {t("shop.code_refresh", { seconds: secondsLeft })}
      </p>
    </>
  );
}

function ConfirmCharge({ charge }: { charge: PaymentEvent }) {
  const tries = usePinTries();
  const payment = usePaymentKey();

  async function confirm(pin: string) {
    tries.start();
    try {
      const done = await confirmPayment(charge.payment_id, pin, payment.key);
      awaitingPin.value = null;
      openReceipt(done.id);
    } catch (caught) {
      tries.fail(caught);
      payment.failed(caught);
    }
  }

  return (
    <ShopPinSheet
      title={t("shop.confirm_to", { name: charge.merchant_name })}
      amount={formatMoney(charge)}
      tries={tries}
      onSubmit={(pin) => void confirm(pin)}
      onClose={() => {
        awaitingPin.value = null;
      }}
    />
  );
}

export function MoneyCodePage({ me }: { me: Me }) {
  const [secret, setSecret] = useState(() => loadSecret(me.id));
  const [sheet, setSheet] = useState(false);
  const tries = usePinTries();
  const seen = useRef(lastReceipt.peek());
  const receipt = lastReceipt.value;
  const charge = awaitingPin.value;

  useEffect(() => {
    const mine = receipt && receipt !== seen.current && receipt.payer_id === me.id && receipt.method === "code";
    if (mine) openReceipt(receipt.payment_id);
  }, [receipt]);

  async function enable(pin: string) {
    tries.start();
    try {
      setSecret(saveSecret(me.id, await newPaymentCodeSecret(pin)));
      setSheet(false);
    } catch (caught) {
      tries.fail(caught);
    }
  }

  return (
    <Page title={t("shop.money_code")} onBack={() => back("/me/wallet")} testid="money-code-page">
      <div class="shop-code">
        <p class="shop-code__title">{t("shop.code_title")}</p>
        {secret ? (
          <LiveCode secret={secret} />
        ) : (
          <div class="shop-code__off">
            <p class="shop-code__hint">{t("shop.code_enable_hint")}</p>
            <Button
              testid="money-code-enable"
              onClick={() => {
                tries.reset();
                setSheet(true);
              }}
            >
              {t("shop.code_enable")}
            </Button>
          </div>
        )}
      </div>
      <p class="shop-code__note">{t("shop.code_note")}</p>
      {sheet && (
        <ShopPinSheet
          title={t("shop.code_enable")}
          amount=""
          tries={tries}
          onSubmit={(pin) => void enable(pin)}
          onClose={() => setSheet(false)}
        />
      )}
      {charge && <ConfirmCharge key={charge.payment_id} charge={charge} />}
    </Page>
  );
}
