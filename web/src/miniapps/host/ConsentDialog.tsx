// The host's consent sheet, as WeChat's authorisation sheet: which mini-program asks, for
// what, Deny / Allow. Shown only when the mini-program calls for a scope not yet granted, on
// the person's tap inside it; an Allow is remembered on the server until revoked in Me.

import type { DirectoryEntry } from "../api";
import { t, type MessageKey } from "../../i18n/t";
import { Button } from "../../ui/Button";
import { Overlay } from "../../ui/Overlay";
import { useEscape } from "../../ui/useEscape";
import type { Scope } from "./api";
import { AppIcon } from "./AppIcon";

const SCOPE_TEXT: Record<Scope, [MessageKey, MessageKey]> = {
  profile: ["mphost.scope.profile", "mphost.scope.profile_detail"],
  phone: ["mphost.scope.phone", "mphost.scope.phone_detail"],
  location: ["mphost.scope.location", "mphost.scope.location_detail"],
  camera: ["mphost.scope.camera", "mphost.scope.camera_detail"],
};

export function ConsentDialog({
  entry,
  scope,
  onAnswer,
}: {
  entry: DirectoryEntry;
  scope: Scope;
  onAnswer: (allowed: boolean) => void;
}) {
  useEscape(() => onAnswer(false));
  const [what, detail] = SCOPE_TEXT[scope];
  return (
    <Overlay>
      <div class="overlay overlay--bottom" onClick={() => onAnswer(false)}>
        <div
          class="mp-sheet"
          role="dialog"
          aria-modal="true"
          aria-label={t(what)}
          data-testid="consent-dialog"
          data-scope={scope}
          onClick={(event) => event.stopPropagation()}
        >
          <div class="mp-sheet__app">
            <AppIcon src={entry.icon_url} name={entry.name} size={24} />
            <span class="mp-sheet__app-name">{entry.name}</span>
            <span class="mp-sheet__app-asks">{t("mphost.consent_asks")}</span>
          </div>
          <h2 class="mp-sheet__title">{t(what)}</h2>
          <p class="mp-sheet__text">{t(detail)}</p>
          <div class="mp-sheet__actions">
            <Button variant="default" testid="consent-deny" onClick={() => onAnswer(false)}>
              {t("mphost.deny")}
            </Button>
            <Button testid="consent-allow" onClick={() => onAnswer(true)}>
              {t("mphost.allow")}
            </Button>
          </div>
        </div>
      </div>
    </Overlay>
  );
}
