import type { ComponentChildren } from "preact";
import { Spinner } from "./Spinner";

export interface ButtonProps {
  children: ComponentChildren;
  variant?: "primary" | "default" | "danger" | "plain";
  size?: "large" | "small";
  type?: "button" | "submit";
  disabled?: boolean;
  /** Shows a spinner and disables the button. */
  busy?: boolean;
  block?: boolean;
  testid?: string | undefined;
  onClick?: (() => void) | undefined;
}

export function Button({
  children,
  variant = "primary",
  size = "large",
  type = "button",
  disabled = false,
  busy = false,
  block = false,
  testid,
  onClick,
}: ButtonProps) {
  const classes = ["btn", `btn--${variant}`, `btn--${size}`];
  if (block) classes.push("btn--block");
  return (
    <button
      type={type}
      class={classes.join(" ")}
      disabled={disabled || busy}
      aria-busy={busy}
      data-testid={testid}
      onClick={onClick}
    >
      {busy && <Spinner size={size === "small" ? 14 : 18} light={variant === "primary" || variant === "danger"} />}
      <span>{children}</span>
    </button>
  );
}
