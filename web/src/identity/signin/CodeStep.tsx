// Step 2 of signing in: the one-time code, then POST /v1/auth/sessions.

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { CodeSent } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { createSession, requestCode } from "../api";
import { deviceName } from "../deviceName";
import { formatPhone } from "../phone";
import { startSession } from "../store";
import type { PhoneEntry } from "./PhoneStep";
import { useCountdown } from "./useCountdown";

export const RESEND_AFTER_SECONDS = 60;

export function CodeStep({
  entry,
  sent,
  onResent,
  onChangeNumber,
}: {
  entry: PhoneEntry;
  sent: CodeSent;
  onResent: (sent: CodeSent) => void;
  onChangeNumber: () => void;
}) {
  const length = sent.code_length > 0 ? sent.code_length : 6;
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState(() => Date.now() + RESEND_AFTER_SECONDS * 1000);
  const secondsLeft = useCountdown(resendAt);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (busy) return;
    input.current?.focus();
    if (error) input.current?.select();
  }, [busy, error]);

  async function verify(event: Event) {
    event.preventDefault();
    if (code.length !== length) {
      setError(t("code.required", { length }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await createSession({ phone: sent.phone, code, device_name: deviceName() });
      startSession(created);
      navigate("/chats", { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  async function resend() {
    setResending(true);
    setError(null);
    try {
      const again = await requestCode(sent.phone);
      onResent(again);
      setCode("");
      setResendAt(Date.now() + RESEND_AFTER_SECONDS * 1000);
      showToast(t("code.resent"));
    } catch (caught) {
      if (caught instanceof ApiError && caught.retryAfter !== null) {
        setResendAt(Date.now() + caught.retryAfter * 1000);
      }
      setError(errorMessage(caught));
    } finally {
      setResending(false);
    }
  }

  return (
    <form class="signin__form" onSubmit={verify} noValidate>
      <p class="signin__sent-to">{t("code.sent_to", { length, phone: formatPhone(entry.dial, sent.phone) })}</p>
      <div class={error ? "code-field code-field--invalid" : "code-field"}>
        <input
          ref={input}
          class="code-field__input"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={length}
          placeholder={t("code.placeholder", { length })}
          aria-label={t("code.label")}
          aria-invalid={error !== null}
          value={code}
          disabled={busy}
          data-testid="code-input"
          onInput={(event) => {
            const digits = event.currentTarget.value.replace(/\D/g, "").slice(0, length);
            event.currentTarget.value = digits;
            setCode(digits);
            setError(null);
          }}
        />
      </div>
      <FieldError message={error} />
      <div class="signin__links">
        <button
          type="button"
          class="link-button"
          disabled={secondsLeft > 0 || resending || busy}
          data-testid="resend-code"
          onClick={resend}
        >
          {secondsLeft > 0 ? t("code.resend_in", { seconds: secondsLeft }) : t("code.resend")}
        </button>
        <button type="button" class="link-button" disabled={busy} data-testid="change-number" onClick={onChangeNumber}>
          {t("code.change_number")}
        </button>
      </div>
      <div class="signin__actions">
        <Button type="submit" busy={busy} disabled={code.length !== length} testid="verify-code">
          {busy ? t("code.verifying") : t("code.verify")}
        </Button>
      </div>
    </form>
  );
}
