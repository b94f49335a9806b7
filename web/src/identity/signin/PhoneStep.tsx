// Step 1 of signing in: country code and phone number, then POST /v1/auth/codes.

import { useState } from "preact/hooks";
import type { CodeSent } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { requestCode } from "../api";
import { nationalDigits, toE164 } from "../phone";
import { CountrySelect } from "./CountrySelect";

export interface PhoneEntry {
  dial: string;
  national: string;
}

export function PhoneStep({
  initial,
  onSent,
}: {
  initial: PhoneEntry;
  onSent: (entry: PhoneEntry, sent: CodeSent) => void;
}) {
  const [dial, setDial] = useState(initial.dial);
  const [national, setNational] = useState(initial.national);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hasDigits = nationalDigits(dial, national).length > 0;

  async function submit(event: Event) {
    event.preventDefault();
    if (!hasDigits) {
      setError(t("signin.phone_required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sent = await requestCode(toE164(dial, national));
      onSent({ dial, national }, sent);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <form class="signin__form" onSubmit={submit} noValidate>
      <div class="form-cells">
        <CountrySelect
          value={dial}
          disabled={busy}
          onChange={(next) => {
            setDial(next);
            setError(null);
          }}
        />
        <label class={error ? "form-row form-row--invalid" : "form-row"}>
          <span class="form-row__label">{t("signin.phone")}</span>
          <span class="form-row__prefix">{dial}</span>
          <input
            class="form-row__input"
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            placeholder={t("signin.phone_placeholder")}
            value={national}
            disabled={busy}
            aria-invalid={error !== null}
            data-testid="phone-number"
            onInput={(event) => {
              setNational(event.currentTarget.value);
              setError(null);
            }}
          />
        </label>
      </div>
      <FieldError message={error} />
      <div class="signin__actions">
        <Button type="submit" busy={busy} disabled={!hasDigits} testid="send-code">
          {busy ? t("signin.sending") : t("signin.send_code")}
        </Button>
      </div>
    </form>
  );
}
