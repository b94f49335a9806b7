// A forgotten payment PIN: a code sent by SMS to my phone plus the ID number I verified
// with, then a new PIN twice. The server checks the code first and uses it up even when
// the ID number is wrong, so a refused try asks for a new code. A reset lifts a lock.

import { useState } from "preact/hooks";
import { api, ApiError } from "../api/client";
import type { Me, PinReset, Wallet } from "../api/types";
import { requestCode } from "../identity/api";
import { RESEND_AFTER_SECONDS } from "../identity/signin/CodeStep";
import { useCountdown } from "../identity/signin/useCountdown";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { CellGroup } from "../ui/Cell";
import { FieldError } from "../ui/FieldError";
import { Page } from "../ui/Page";
import { Spinner } from "../ui/Spinner";
import { walletErrorMessage } from "./errors";
import { PinBoxes } from "./PinBoxes";
import { setWallet } from "./store";

const CODE_LENGTH = 6;
const ID_MAX = 32;

function resetPin(body: PinReset): Promise<Wallet> {
  return api.post<Wallet>("/v1/wallet/pin/reset", body);
}

/** Whether too many wrong PINs have locked payments for now. */
export function pinLocked(current: Wallet): boolean {
  return current.pin_locked_until !== null && new Date(current.pin_locked_until).getTime() > Date.now();
}

type Step = "verify" | "new" | "confirm";

export function PinResetPage({ me }: { me: Me }) {
  const [step, setStep] = useState<Step>("verify");
  const [code, setCode] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [pin, setPin] = useState("");
  const [value, setValue] = useState("");
  const [sending, setSending] = useState(false);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const secondsLeft = useCountdown(resendAt ?? 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function sendCode() {
    setSending(true);
    setError(null);
    try {
      await requestCode(me.phone);
      setResendAt(Date.now() + RESEND_AFTER_SECONDS * 1000);
      showToast(t("pin_reset.code_sent"));
    } catch (caught) {
      if (caught instanceof ApiError && caught.retryAfter !== null) {
        setResendAt(Date.now() + caught.retryAfter * 1000);
      }
      setError(walletErrorMessage(caught));
    } finally {
      setSending(false);
    }
  }

  async function submit(newPin: string) {
    setBusy(true);
    try {
      setWallet(await resetPin({ code, id_number: idNumber, pin: newPin }));
      showToast(t("pin_reset.done"));
      back("/me/wallet");
    } catch (caught) {
      setBusy(false);
      setError(walletErrorMessage(caught));
      const code = caught instanceof ApiError ? caught.code : "";
      // A refused code or ID number has used the code up: start again from a new code.
      if (code === "wallet.pin_too_simple") {
        setStep("new");
      } else {
        setCode("");
        setStep("verify");
      }
      setPin("");
      setValue("");
    }
  }

  function complete(digits: string) {
    setError(null);
    if (step === "new") {
      setPin(digits);
      setStep("confirm");
    } else if (digits !== pin) {
      setError(t("wallet.pin_mismatch"));
      setPin("");
      setStep("new");
    } else {
      void submit(digits);
      return;
    }
    setValue("");
  }

  let body;
  if (step === "verify") {
    const ready = code.length === CODE_LENGTH && idNumber.trim() !== "";
    body = (
      <form
        class="wallet-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) setStep("new");
        }}
      >
        <CellGroup footer={t("pin_reset.hint", { phone: me.phone })}>
          <div class="cell wallet-field">
            <span class="wallet-field__label">{t("pin_reset.code")}</span>
            <input
              class="wallet-field__input"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={CODE_LENGTH}
              placeholder={t("pin_reset.code_placeholder")}
              value={code}
              data-testid="pin-reset-code"
              onInput={(event) => {
                const digits = event.currentTarget.value.replace(/\D/g, "").slice(0, CODE_LENGTH);
                event.currentTarget.value = digits;
                setCode(digits);
                setError(null);
              }}
            />
            <button
              type="button"
              class="link-button"
              disabled={sending || secondsLeft > 0}
              data-testid="pin-reset-send"
              onClick={() => void sendCode()}
            >
              {secondsLeft > 0
                ? t("code.resend_in", { seconds: secondsLeft })
                : resendAt === null
                  ? t("pin_reset.send")
                  : t("code.resend")}
            </button>
          </div>
          <label class="cell wallet-field">
            <span class="wallet-field__label">{t("wallet.real_name_id")}</span>
            <input
              class="wallet-field__input"
              type="text"
              value={idNumber}
              maxLength={ID_MAX}
              placeholder={t("pin_reset.id_placeholder")}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              data-testid="pin-reset-id"
              onInput={(event) => {
                setIdNumber(event.currentTarget.value.replace(/\s/g, ""));
                setError(null);
              }}
            />
          </label>
        </CellGroup>
        <div class="wallet-form__notes">
          <FieldError message={error} />
        </div>
        <div class="wallet-form__actions">
          <Button type="submit" block disabled={!ready} testid="pin-reset-next">
            {t("pin_reset.next")}
          </Button>
        </div>
      </form>
    );
  } else {
    body = (
      <div class="pin-page" data-step={step}>
        <p class="pin-page__prompt" data-testid="pin-step">
          {step === "new" ? t("wallet.pin_enter_new") : t("wallet.pin_enter_again")}
        </p>
        <p class="pin-page__hint">{t("wallet.pin_rule")}</p>
        <PinBoxes key={step} value={value} onChange={setValue} onComplete={complete} disabled={busy} />
        <div class="pin-page__notes">
          {busy && <Spinner size={20} />}
          <FieldError message={error} />
        </div>
      </div>
    );
  }

  return (
    <Page title={t("pin_reset.title")} onBack={() => back("/me/wallet")} light testid="pin-reset-page">
      {body}
    </Page>
  );
}
