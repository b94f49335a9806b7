// Six boxes for a payment PIN, as WeChat Pay draws them: a dot per digit typed. Under the
// boxes is one real input (inputmode=numeric, so phones show the number pad).

import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n/t";

export const PIN_LENGTH = 6;

export function PinBoxes({
  value,
  onChange,
  onComplete,
  disabled = false,
  autoFocus = true,
  testid = "pin-input",
}: {
  value: string;
  onChange: (value: string) => void;
  /** Called once the sixth digit is typed. */
  onComplete?: (pin: string) => void;
  disabled?: boolean;
  autoFocus?: boolean;
  testid?: string;
}) {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus && !disabled) input.current?.focus();
  }, [autoFocus, disabled]);

  return (
    <label class={disabled ? "pin-boxes pin-boxes--disabled" : "pin-boxes"}>
      <input
        ref={input}
        class="pin-boxes__input"
        type="password"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        maxLength={PIN_LENGTH}
        value={value}
        disabled={disabled}
        aria-label={t("wallet.pin.label")}
        data-testid={testid}
        onInput={(event) => {
          const element = event.currentTarget;
          const digits = element.value.replace(/\D/g, "").slice(0, PIN_LENGTH);
          element.value = digits;
          onChange(digits);
          if (digits.length === PIN_LENGTH) onComplete?.(digits);
        }}
      />
      {Array.from({ length: PIN_LENGTH }, (_, index) => (
        <span
          key={index}
          class={index === value.length ? "pin-boxes__box pin-boxes__box--current" : "pin-boxes__box"}
          aria-hidden="true"
        >
          {index < value.length && <span class="pin-boxes__dot" />}
        </span>
      ))}
    </label>
  );
}
