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
  /** The body neither scrolls nor pads: the child lays itself out (a chat). */
  flush?: boolean;
}

/** A screen: a header bar with the title, and a body that scrolls under it. */
export function Page({ title, onBack, right, light = false, children, testid, flush = false }: PageProps) {
  return (
    <section class={light ? "page page--light" : "page"} data-testid={testid}>
      <NavBar title={title} onBack={onBack} right={right} light={light} />
      <div class={flush ? "page__body page__body--flush" : "page__body"}>{children}</div>
    </section>
  );
}
