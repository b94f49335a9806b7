// A dialog that asks for one line of text (a greeting, a label, a name).

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n/t";
import { FieldError } from "./FieldError";
import { Overlay } from "./Overlay";
import { useEscape } from "./useEscape";

export interface PromptDialogProps {
  title: ComponentChildren;
  initial?: string;
  placeholder?: string;
  maxLength?: number;
  confirmLabel: ComponentChildren;
  busy?: boolean;
  error?: string | null;
  /** Allow confirming with an empty value. */
  allowEmpty?: boolean;
  testid?: string;
  onConfirm: (value: string) => void;
  onCancel: () => void;
}

export function PromptDialog({
  title,
  initial = "",
  placeholder,
  maxLength,
  confirmLabel,
  busy = false,
  error = null,
  allowEmpty = true,
  testid = "prompt-input",
  onConfirm,
  onCancel,
}: PromptDialogProps) {
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  useEscape(onCancel);

  const canConfirm = !busy && (allowEmpty || value.trim() !== "");
  return (
    <Overlay>
      <div class="overlay overlay--center" onClick={onCancel}>
        <form
          class="dialog"
          aria-modal="true"
          data-testid="dialog"
          onClick={(event) => event.stopPropagation()}
          onSubmit={(event) => {
            event.preventDefault();
            if (canConfirm) onConfirm(value.trim());
          }}
        >
          <div class="dialog__body">
            <h2 class="dialog__title">{title}</h2>
            <input
              ref={input}
              class="dialog__input"
              type="text"
              value={value}
              placeholder={placeholder}
              maxLength={maxLength}
              disabled={busy}
              data-testid={testid}
              onInput={(event) => setValue(event.currentTarget.value)}
            />
            <FieldError message={error} />
          </div>
          <div class="dialog__actions">
            <button type="button" class="dialog__button" onClick={onCancel} disabled={busy} data-testid="dialog-cancel">
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              class="dialog__button dialog__button--primary"
              disabled={!canConfirm}
              data-testid="dialog-confirm"
            >
              {confirmLabel}
            </button>
          </div>
        </form>
      </div>
    </Overlay>
  );
}
