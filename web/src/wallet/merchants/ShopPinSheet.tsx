// The PIN sheet for shop payments: the wallet's PinSheet, with what went wrong in words
// and a link to the Wallet page when that is where to fix it (real name, PIN, lock).

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { walletErrorMessage } from "../errors";
import { PinSheet } from "../PinSheet";
import { errorCode, WALLET_FIXES } from "./payments";

/** One PIN entry's progress: busy while a try is in flight, the last refusal, and a
 * counter that clears the boxes after each refused try. */
export function usePinTries() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  return {
    busy,
    failure,
    attempt,
    start: () => {
      setBusy(true);
      setFailure(null);
    },
    fail: (error: unknown) => {
      setBusy(false);
      setFailure(error);
      setAttempt((n) => n + 1);
    },
    reset: () => setFailure(null),
  };
}

export function ShopPinSheet({
  title,
  amount,
  tries,
  onSubmit,
  onClose,
}: {
  title: ComponentChildren;
  amount: string;
  tries: ReturnType<typeof usePinTries>;
  onSubmit: (pin: string) => void;
  onClose: () => void;
}) {
  const code = errorCode(tries.failure);
  return (
    <PinSheet
      title={title}
      amount={amount}
      busy={tries.busy}
      error={tries.failure === null ? null : walletErrorMessage(tries.failure)}
      attempt={tries.attempt}
      extra={
        code !== null && WALLET_FIXES.has(code) ? (
          <button type="button" class="link-button" data-testid="pin-sheet-wallet-link" onClick={() => navigate("/me/wallet")}>
            {t("wallet.go_wallet")}
          </button>
        ) : undefined
      }
      onSubmit={onSubmit}
      onClose={() => {
        if (!tries.busy) onClose();
      }}
    />
  );
}
