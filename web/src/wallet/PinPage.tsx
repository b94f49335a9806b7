// Set or change the payment PIN: the current PIN first when one is set, then the new PIN
// twice. Six boxes each time; the step moves on by itself at the sixth digit.

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { FieldError } from "../ui/FieldError";
import { Page } from "../ui/Page";
import { Spinner } from "../ui/Spinner";
import { ErrorState, LoadingState } from "../ui/States";
import { setPin } from "./api";
import { PinBoxes } from "./PinBoxes";
import { loadWallet, setWallet, wallet } from "./store";
import { walletErrorMessage } from "./errors";

type Step = "current" | "new" | "confirm";

export function PinPage() {
  const [loadError, setLoadError] = useState<unknown>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [current, setCurrent] = useState("");
  const [pin, setPinValue] = useState("");
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needsRealName, setNeedsRealName] = useState(false);

  function load() {
    setLoadError(null);
    loadWallet().then((loaded) => setStep(loaded.pin_set ? "current" : "new"), setLoadError);
  }
  useEffect(() => {
    if (wallet.value) setStep(wallet.value.pin_set ? "current" : "new");
    else load();
  }, []);

  async function save(newPin: string) {
    setBusy(true);
    try {
      setWallet(await setPin({ pin: newPin, current_pin: current === "" ? null : current }));
      showToast(wallet.value?.pin_set && current !== "" ? t("wallet.pin_changed") : t("wallet.pin_saved"));
      back("/me/wallet");
    } catch (caught) {
      setBusy(false);
      const code = caught instanceof ApiError ? caught.code : "";
      setError(walletErrorMessage(caught));
      setNeedsRealName(code === "wallet.real_name_required");
      // A wrong current PIN starts over; anything else asks for a new PIN again.
      if (code === "wallet.pin_wrong" || code === "wallet.pin_locked") {
        setCurrent("");
        setStep("current");
      } else {
        setStep("new");
      }
      setPinValue("");
      setValue("");
    }
  }

  function complete(digits: string) {
    setError(null);
    setNeedsRealName(false);
    if (step === "current") {
      setCurrent(digits);
      setStep("new");
    } else if (step === "new") {
      setPinValue(digits);
      setStep("confirm");
    } else if (step === "confirm") {
      if (digits !== pin) {
        setError(t("wallet.pin_mismatch"));
        setPinValue("");
        setStep("new");
      } else {
        void save(digits);
        return;
      }
    }
    setValue("");
  }

  const title = wallet.value?.pin_set ? t("wallet.pin_change") : t("wallet.pin_set");
  let body;
  if (step === null && loadError !== null) {
    body = <ErrorState title={t("wallet.error")} message={errorMessage(loadError)} onRetry={load} />;
  } else if (step === null) {
    body = <LoadingState />;
  } else {
    const prompt =
      step === "current" ? t("wallet.pin_enter_current") : step === "new" ? t("wallet.pin_enter_new") : t("wallet.pin_enter_again");
    body = (
      <div class="pin-page" data-step={step}>
        <p class="pin-page__prompt" data-testid="pin-step">
          {prompt}
        </p>
        {step !== "current" && <p class="pin-page__hint">{t("wallet.pin_rule")}</p>}
        <PinBoxes key={step} value={value} onChange={setValue} onComplete={complete} disabled={busy} />
        <div class="pin-page__notes">
          {busy && <Spinner size={20} />}
          <FieldError message={error} />
          {needsRealName && (
            <button type="button" class="link-button" data-testid="pin-real-name-link" onClick={() => navigate("/me/wallet/real-name")}>
              {t("wallet.go_real_name")}
            </button>
          )}
          {step === "current" && (
            <button type="button" class="link-button" data-testid="pin-forgot-link" onClick={() => navigate("/me/wallet/pin/reset", { replace: true })}>
              {t("pin_reset.forgot")}
            </button>
          )}
        </div>
      </div>
    );
  }

  return (
    <Page title={title} onBack={() => back("/me/wallet")} light testid="pin-page">
      {body}
    </Page>
  );
}
