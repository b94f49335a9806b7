// A WeChat-style alert: a title, a sentence, and Cancel / confirm.

import type { ComponentChildren } from "preact";
import { t } from "../i18n/t";
import { Overlay } from "./Overlay";
import { useEscape } from "./useEscape";

export interface DialogProps {
  title: ComponentChildren;
  children?: ComponentChildren;
  confirmLabel: ComponentChildren;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function Dialog({ title, children, confirmLabel, danger = false, busy = false, onConfirm, onCancel }: DialogProps) {
  useEscape(onCancel);

  return (
    <Overlay>
    <div class="overlay overlay--center" onClick={onCancel}>
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        onClick={(event) => event.stopPropagation()}
        data-testid="dialog"
      >
        <div class="dialog__body">
          <h2 class="dialog__title">{title}</h2>
          {children && <div class="dialog__text">{children}</div>}
        </div>
        <div class="dialog__actions">
          <button type="button" class="dialog__button" onClick={onCancel} disabled={busy} data-testid="dialog-cancel">
            {t("common.cancel")}
          </button>
          <button
            type="button"
            class={danger ? "dialog__button dialog__button--danger" : "dialog__button dialog__button--primary"}
            onClick={onConfirm}
            disabled={busy}
            data-testid="dialog-confirm"
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
    </Overlay>
  );
}
