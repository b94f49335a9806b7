import type { ComponentChildren } from "preact";
import { t } from "../i18n/t";
import { BackIcon } from "./icons";

export interface NavBarProps {
  title?: ComponentChildren;
  onBack?: (() => void) | undefined;
  right?: ComponentChildren;
  /** White bar for pages with a white background. */
  light?: boolean;
}

export function NavBar({ title, onBack, right, light = false }: NavBarProps) {
  return (
    <header class={light ? "navbar navbar--light" : "navbar"}>
      <div class="navbar__side">
        {onBack && (
          <button type="button" class="navbar__back" onClick={onBack} aria-label={t("common.back")} data-testid="nav-back">
            <BackIcon size={24} />
          </button>
        )}
      </div>
      <h1 class="navbar__title">{title}</h1>
      <div class="navbar__side navbar__side--right">{right}</div>
    </header>
  );
}
