import { t } from "../../i18n/t";
import { meta } from "../../shell/store";

/** On a development server, points at the page where the "sent" sign-in codes appear. */
export function DevOutboxHint() {
  const outbox = meta.value?.dev_outbox;
  if (!outbox) return null;
  return (
    <p class="dev-hint">
      {t("signin.dev_hint")}{" "}
      <a href={outbox} target="_blank" rel="noopener" data-testid="dev-outbox-link">
        {outbox}
      </a>
    </p>
  );
}
