// A bottom sheet of actions with a Cancel row, as WeChat shows for "change photo".

import type { ComponentChildren } from "preact";
import { t } from "../i18n/t";
import { Overlay } from "./Overlay";
import { useEscape } from "./useEscape";

export interface SheetAction {
  label: ComponentChildren;
  danger?: boolean;
  testid?: string | undefined;
  onSelect: () => void;
}

export function ActionSheet({
  title,
  actions,
  onClose,
}: {
  title?: ComponentChildren;
  actions: SheetAction[];
  onClose: () => void;
}) {
  useEscape(onClose);

  return (
    <Overlay>
    <div class="overlay overlay--bottom" onClick={onClose}>
      <div class="sheet" role="dialog" aria-modal="true" onClick={(event) => event.stopPropagation()}>
        {title && <div class="sheet__title">{title}</div>}
        {actions.map((action, index) => (
          <button
            key={index}
            type="button"
            class={action.danger ? "sheet__action sheet__action--danger" : "sheet__action"}
            data-testid={action.testid}
            onClick={() => {
              onClose();
              action.onSelect();
            }}
          >
            {action.label}
          </button>
        ))}
        <div class="sheet__gap" />
        <button type="button" class="sheet__action sheet__cancel" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
    </Overlay>
  );
}
