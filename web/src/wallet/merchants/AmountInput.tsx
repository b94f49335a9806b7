// The big "¥ 0.00" amount field of the pay, charge and receive pages.

import { AMOUNT_TYPING, currencySymbol } from "../money";

export function AmountInput({
  id,
  value,
  currency,
  testid,
  onChange,
}: {
  id: string;
  value: string;
  currency: string;
  testid: string;
  onChange: (value: string) => void;
}) {
  return (
    <div class="transfer-page__amount">
      <span class="transfer-page__currency">{currencySymbol(currency)}</span>
      <input
        id={id}
        class="transfer-page__amount-input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        placeholder="0.00"
        data-testid={testid}
        onInput={(event) => {
          const element = event.currentTarget;
          const text = element.value.replace(/^0+(?=\d)/, "");
          if (AMOUNT_TYPING.test(text)) onChange(text);
          else element.value = value;
        }}
      />
    </div>
  );
}
