// The app secret, shown this once (after creating an app or rotating its secret): copy it now,
// the platform keeps only a keyed hash of it.

import { useState } from "preact/hooks";
import { t } from "../../i18n/t";
import { Button } from "../../ui/Button";
import { WarningIcon } from "../../ui/icons";
import { Overlay } from "../../ui/Overlay";
import { CopyButton } from "./parts";

export function SecretDialog({ appId, secret, onDone }: { appId: string; secret: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <Overlay>
      <div class="overlay overlay--center">
        <div class="dialog csecret" role="alertdialog" aria-modal="true" aria-labelledby="secret-title" data-testid="secret-dialog">
          <div class="csecret__body">
            <h2 class="dialog__title" id="secret-title">
              {t("console.secret.title")}
            </h2>
            <div class="csecret__warning" role="note">
              <WarningIcon size={20} />
              <span>{t("console.secret.warning")}</span>
            </div>
            <div class="csecret__label">{t("console.app.app_id")}</div>
            <div class="csecret__value">
              <code data-testid="secret-app-id">{appId}</code>
              <CopyButton text={appId} testid="secret-copy-app-id" />
            </div>
            <div class="csecret__label">{t("console.secret.label")}</div>
            <div class="csecret__value csecret__value--secret">
              <code data-testid="secret-value">{secret}</code>
              <CopyButton text={secret} testid="secret-copy" />
            </div>
            <label class="csecret__check">
              <input
                type="checkbox"
                checked={saved}
                data-testid="secret-saved"
                onChange={(event) => setSaved(event.currentTarget.checked)}
              />
              <span>{t("console.secret.saved")}</span>
            </label>
            <Button block disabled={!saved} testid="secret-done" onClick={onDone}>
              {t("console.secret.done")}
            </Button>
          </div>
        </div>
      </div>
    </Overlay>
  );
}
