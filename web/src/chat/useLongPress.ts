// Long-press on touch screens and right-click with a mouse both open a message's actions.

import { useRef } from "preact/hooks";

const LONG_PRESS_MS = 500;
const MOVE_TOLERANCE_PX = 10;

export function useLongPress(onPress: () => void) {
  const timer = useRef<number | undefined>(undefined);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);

  const cancel = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    start.current = null;
  };

  return {
    onContextMenu: (event: MouseEvent) => {
      event.preventDefault();
      if (fired.current) {
        fired.current = false;
        return;
      }
      cancel();
      onPress();
    },
    onTouchStart: (event: TouchEvent) => {
      const touch = event.touches[0];
      if (!touch) return;
      fired.current = false;
      start.current = { x: touch.clientX, y: touch.clientY };
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        fired.current = true;
        start.current = null;
        onPress();
      }, LONG_PRESS_MS);
    },
    onTouchMove: (event: TouchEvent) => {
      const touch = event.touches[0];
      const from = start.current;
      if (!touch || !from) return;
      if (Math.hypot(touch.clientX - from.x, touch.clientY - from.y) > MOVE_TOLERANCE_PX) cancel();
    },
    onTouchEnd: (event: TouchEvent) => {
      if (fired.current) event.preventDefault();
      cancel();
    },
    onTouchCancel: cancel,
  };
}
