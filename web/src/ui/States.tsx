// Whole-area loading and error states.

import type { ComponentChildren } from "preact";
import { t } from "../i18n/t";
import { Button } from "./Button";
import { CloudOffIcon } from "./icons";
import { Spinner } from "./Spinner";

export function LoadingState({ label }: { label?: string }) {
  return (
    <div class="state" data-testid="loading">
      <Spinner size={28} />
      <p class="state__text">{label ?? t("common.loading")}</p>
    </div>
  );
}

export function ErrorState({
  title,
  message,
  onRetry,
  icon,
}: {
  title: ComponentChildren;
  message?: ComponentChildren;
  onRetry?: () => void;
  icon?: ComponentChildren;
}) {
  return (
    <div class="state" role="alert" data-testid="error-state">
      <div class="state__icon">{icon ?? <CloudOffIcon size={40} />}</div>
      <p class="state__title">{title}</p>
      {message && <p class="state__text">{message}</p>}
      {onRetry && (
        <Button variant="default" size="small" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </div>
  );
}
