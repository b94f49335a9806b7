// WeChat-style list cells: white rows with hairline separators, grouped on grey.

import type { ComponentChildren } from "preact";
import { ChevronRightIcon } from "./icons";

export function CellGroup({
  title,
  footer,
  children,
}: {
  title?: ComponentChildren;
  footer?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="cell-group">
      {title && <div class="cell-group__title">{title}</div>}
      <div class="cells">{children}</div>
      {footer && <div class="cell-group__footer">{footer}</div>}
    </div>
  );
}

export interface CellProps {
  title: ComponentChildren;
  /** Text under the title. */
  description?: ComponentChildren;
  value?: ComponentChildren;
  icon?: ComponentChildren;
  arrow?: boolean;
  /** Centred text, as for "Sign out". */
  center?: boolean;
  danger?: boolean;
  disabled?: boolean;
  testid?: string | undefined;
  onClick?: (() => void) | undefined;
  children?: ComponentChildren;
}

export function Cell({
  title,
  description,
  value,
  icon,
  arrow = false,
  center = false,
  danger = false,
  disabled = false,
  testid,
  onClick,
  children,
}: CellProps) {
  const classes = ["cell"];
  if (onClick) classes.push("cell--link");
  if (center) classes.push("cell--center");
  if (danger) classes.push("cell--danger");
  if (icon) classes.push("cell--with-icon");
  const body = (
    <>
      {icon && <span class="cell__icon">{icon}</span>}
      <span class="cell__main">
        <span class="cell__title">{title}</span>
        {description && <span class="cell__description">{description}</span>}
      </span>
      {value !== undefined && <span class="cell__value">{value}</span>}
      {children}
      {arrow && <ChevronRightIcon class="cell__arrow" />}
    </>
  );
  if (onClick) {
    return (
      <button type="button" class={classes.join(" ")} onClick={onClick} disabled={disabled} data-testid={testid}>
        {body}
      </button>
    );
  }
  return (
    <div class={classes.join(" ")} data-testid={testid}>
      {body}
    </div>
  );
}

/** A coloured rounded square behind a cell icon, as WeChat's Me tab has. */
export function CellIcon({ color, children }: { color: string; children: ComponentChildren }) {
  return (
    <span class="cell-icon" style={{ color }}>
      {children}
    </span>
  );
}
