// Renders dialogs and sheets at the app root, so that they cover the whole app column
// whatever positioned element they are declared in.

import { createPortal, type ComponentChildren } from "preact";

export const OVERLAY_ROOT_ID = "overlay-root";

export function Overlay({ children }: { children: ComponentChildren }) {
  const host = document.getElementById(OVERLAY_ROOT_ID);
  return host ? createPortal(children, host) : <>{children}</>;
}
