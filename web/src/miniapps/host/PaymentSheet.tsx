// The host's payment sheet for plaza.requestPayment: payee and amount come from the
// platform's order (GET .../orders/{prepay_id}), never from the mini-program, and nothing is
// paid without the person's PIN in the wallet's own PIN sheet.

import { t } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { ShopPinSheet, usePinTries } from "../../wallet/merchants/ShopPinSheet";
import { formatMoney } from "../../wallet/money";
import { payOrder, type HostOrder } from "./api";

export function PaymentSheet({
  appId,
  order,
  onDone,
}: {
  appId: string;
  order: HostOrder;
  /** The paid order, or null when the person closed the sheet. */
  onDone: (paid: HostOrder | null) => void;
}) {
  const tries = usePinTries();

  async function pay(pin: string) {
    tries.start();
    try {
      const paid = await payOrder(appId, order.prepay_id, pin);
      showToast(t("mphost.paid"));
      onDone(paid);
    } catch (caught) {
      tries.fail(caught);
    }
  }

  return (
    <ShopPinSheet
      title={
        <span class="mp-pay" data-testid="payment-sheet">
          <span class="mp-pay__merchant" data-testid="payment-merchant">
            {order.merchant_name}
          </span>
          {order.description && <span class="mp-pay__what">{order.description}</span>}
        </span>
      }
      amount={formatMoney(order.amount)}
      tries={tries}
      onSubmit={(pin) => void pay(pin)}
      onClose={() => onDone(null)}
    />
  );
}
