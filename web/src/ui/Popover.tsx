// The dark drop-down menu under a header "+" button, as WeChat's.

import type { ComponentChildren } from "preact";
import { Overlay } from "./Overlay";
import { useEscape } from "./useEscape";

export interface PopoverItem {
  icon: ComponentChildren;
  label: ComponentChildren;
  testid?: string;
  onSelect: () => void;
}

export function Popover({ items, onClose }: { items: PopoverItem[]; onClose: () => void }) {
  useEscape(onClose);

  return (
    <Overlay>
      <div class="popover-backdrop" onClick={onClose}>
        <div class="popover" role="menu" onClick={(event) => event.stopPropagation()}>
          {items.map((item, index) => (
            <button
              key={index}
              type="button"
              role="menuitem"
              class="popover__item"
              data-testid={item.testid}
              onClick={() => {
                onClose();
                item.onSelect();
              }}
            >
              <span class="popover__icon">{item.icon}</span>
              <span>{item.label}</span>
            </button>
          ))}
        </div>
      </div>
    </Overlay>
  );
}
