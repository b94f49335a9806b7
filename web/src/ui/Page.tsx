import type { ComponentChildren } from "preact";
import { NavBar } from "./NavBar";

export interface PageProps {
  title?: ComponentChildren;
  onBack?: (() => void) | undefined;
  right?: ComponentChildren;
  /** White page (forms) instead of the grey list background. */
  light?: boolean;
  children: ComponentChildren;
  testid?: string | undefined;
}

/** A screen: a header bar with the title, and a body that scrolls under it. */
export function Page({ title, onBack, right, light = false, children, testid }: PageProps) {
  return (
    <section class={light ? "page page--light" : "page"} data-testid={testid}>
      <NavBar title={title} onBack={onBack} right={right} light={light} />
      <div class="page__body">{children}</div>
    </section>
  );
}
