// The frame both consoles share, the developer console (/dev) and the official account
// console (/official-console): a side bar and a wide page on desktop, a header with the
// scope's section tabs on phones. Its styles are in miniapps/console/console.css.

import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { BackIcon } from "./icons";

export interface ConsoleLink {
  label: string;
  icon: ComponentChildren;
  to: string;
  active: boolean;
  /** The side bar link's test id. */
  testid: string;
  /** The phone tab's test id (section links only). */
  tabTestid?: string | undefined;
}

export interface ConsoleLayoutProps {
  brand: { icon: ComponentChildren; title: string };
  /** The side bar's top links (the list of apps or accounts, the review queue). */
  links: ConsoleLink[];
  /** The app or account the page is about: its name and its sections, in the side bar and as
   * tabs on phones. `open` makes the name a link to its overview. */
  scope?: { name: string; open?: () => void; sections: ConsoleLink[] } | undefined;
  exit: { icon: ComponentChildren; label: string; testid: string };
  title: ComponentChildren;
  /** Where the header's back arrow goes; none, no arrow. */
  backTo?: string | undefined;
  /** The top-level page has its back arrow on phones only: the side bar leaves the console on desktop. */
  backOnPhoneOnly?: boolean | undefined;
  actions?: ComponentChildren | undefined;
  class?: string | undefined;
  testid?: string | undefined;
  children: ComponentChildren;
}

function SideLink({ link }: { link: ConsoleLink }) {
  return (
    <button
      type="button"
      class={link.active ? "cside__link cside__link--active" : "cside__link"}
      aria-current={link.active ? "page" : undefined}
      data-testid={link.testid}
      onClick={() => navigate(link.to, { replace: true })}
    >
      {link.icon}
      <span>{link.label}</span>
    </button>
  );
}

export function ConsoleLayout(props: ConsoleLayoutProps) {
  const { brand, links, scope, exit, title, backTo, backOnPhoneOnly = false, actions, testid, children } = props;
  const activeTab = useRef<HTMLButtonElement>(null);
  const activeSection = scope?.sections.find((section) => section.active)?.to;
  useEffect(() => {
    activeTab.current?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [activeSection]);

  return (
    <section class={props.class ? `console ${props.class}` : "console"} data-testid={testid}>
      <aside class="cside">
        <div class="cside__brand">
          <span class="cside__logo">{brand.icon}</span>
          <span>{brand.title}</span>
        </div>
        <nav class="cside__nav">
          {links.map((link) => (
            <SideLink key={link.to} link={link} />
          ))}
        </nav>
        {scope && (
          <nav class="cside__nav cside__nav--app">
            {scope.open ? (
              <button type="button" class="cside__app" title={scope.name} onClick={scope.open}>
                {scope.name}
              </button>
            ) : (
              <div class="cside__app" title={scope.name}>
                {scope.name}
              </div>
            )}
            {scope.sections.map((section) => (
              <SideLink key={section.to} link={section} />
            ))}
          </nav>
        )}
        <button type="button" class="cside__exit" data-testid={exit.testid} onClick={() => navigate("/me")}>
          {exit.icon}
          <span>{exit.label}</span>
        </button>
      </aside>
      <div class="cmain">
        <header class="chead">
          <div class="chead__side">
            {backTo !== undefined && (
              <button
                type="button"
                class={backOnPhoneOnly ? "chead__back chead__back--phone" : "chead__back"}
                aria-label={t("common.back")}
                data-testid="nav-back"
                onClick={() => back(backTo)}
              >
                <BackIcon size={24} />
              </button>
            )}
          </div>
          <h1 class="chead__title">{title}</h1>
          <div class="chead__actions">{actions}</div>
        </header>
        {scope && (
          <nav class="ctabs" aria-label={scope.name}>
            {scope.sections.map((section) => (
              <button
                key={section.to}
                type="button"
                ref={section.active ? activeTab : null}
                class={section.active ? "ctabs__tab ctabs__tab--active" : "ctabs__tab"}
                data-testid={section.tabTestid}
                onClick={() => navigate(section.to, { replace: true })}
              >
                {section.label}
              </button>
            ))}
          </nav>
        )}
        <div class="cbody">
          <div class="cbody__content">{children}</div>
        </div>
      </div>
    </section>
  );
}
