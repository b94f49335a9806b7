// The bottom sheet that asks for the payment PIN before money moves: who gets how much,
// six boxes, and what went wrong (a wrong PIN with the tries left, no money, no real name).

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { CloseIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { FieldError } from "../ui/FieldError";
import { Spinner } from "../ui/Spinner";
import { useEscape } from "../ui/useEscape";
import { PinBoxes } from "./PinBoxes";

export function PinSheet({
  title,
  amount,
  busy,
  error,
  attempt,
  extra,
  onSubmit,
  onClose,
}: {
  title: ComponentChildren;
  /** "¥12.34". */
  amount: string;
  busy: boolean;
  error: string | null;
  /** Changes after each refused try, to clear the boxes. */
  attempt: number;
  /** Under the error: a link to the Wallet page, when that is where to fix it. */
  extra?: ComponentChildren;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}) {
  const [pin, setPin] = useState("");
  useEscape(onClose);

  useEffect(() => setPin(""), [attempt]);

  return (
    <Overlay>
      <div class="overlay overlay--bottom" onClick={busy ? undefined : onClose}>
        <div
          class="pin-sheet"
          role="dialog"
          aria-modal="true"
          aria-label={t("wallet.pin_sheet_title")}
          data-testid="pin-sheet"
          onClick={(event) => event.stopPropagation()}
        >
          <div class="pin-sheet__head">
            <button
              type="button"
              class="pin-sheet__close"
              aria-label={t("common.close")}
              data-testid="pin-sheet-close"
              disabled={busy}
              onClick={onClose}
            >
              <CloseIcon size={22} />
            </button>
            <span class="pin-sheet__title">{t("wallet.pin_sheet_title")}</span>
          </div>
          <div class="pin-sheet__to">{title}</div>
          <div class="pin-sheet__amount" data-testid="pin-sheet-amount">
            {amount}
          </div>
          <PinBoxes key={attempt} value={pin} onChange={setPin} onComplete={onSubmit} disabled={busy} />
          <div class="pin-sheet__notes">
            {busy && <Spinner size={20} />}
            <FieldError message={error} />
            {extra}
            <button
              type="button"
              class="link-button"
              data-testid="pin-sheet-forgot"
              disabled={busy}
              onClick={() => navigate("/me/wallet/pin/reset")}
            >
              {t("pin_reset.forgot")}
            </button>
          </div>
        </div>
      </div>
    </Overlay>
  );
}
