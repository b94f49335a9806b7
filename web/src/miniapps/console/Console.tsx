// The developer console under /dev: a side bar and a wide page on desktop, a header with
// section tabs on phones. Routes below /dev are matched here, so the shell needs one entry.

import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t, type MessageKey } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { BackIcon } from "../../ui/icons";
import { AppPage } from "./AppPage";
import { CreateAppPage } from "./CreateAppPage";
import { DeliveryPage, WebhooksPage } from "./WebhooksPage";
import { HomePage } from "./HomePage";
import { AppsIcon, ChartIcon, CodeIcon, ExitIcon, OverviewIcon, PackageIcon, ReviewIcon, TemplateIcon, TestersIcon, WebhookIcon } from "./icons";
import { OpensPage } from "./OpensPage";
import { ReviewPage } from "./ReviewPage";
import { apps, checkAdmin, isAdmin, loadApps, loadDeveloper } from "./store";
import { TemplatesPage } from "./TemplatesPage";
import { TestersPage } from "./TestersPage";
import { VersionsPage } from "./VersionsPage";
import "./console.css";

export type AppSection = "overview" | "versions" | "testers" | "templates" | "webhooks" | "stats";

const SECTIONS: [AppSection, MessageKey, (props: { size?: number }) => JSX.Element][] = [
  ["overview", "console.nav.overview", OverviewIcon],
  ["versions", "console.nav.versions", PackageIcon],
  ["testers", "console.nav.testers", TestersIcon],
  ["templates", "console.nav.templates", TemplateIcon],
  ["webhooks", "console.nav.webhooks", WebhookIcon],
  ["stats", "console.nav.stats", ChartIcon],
];

export function appPath(appId: string, section: AppSection = "overview"): string {
  return section === "overview" ? `/dev/apps/${appId}` : `/dev/apps/${appId}/${section}`;
}

let started = false;

/** Who the developer is and whether they review, asked once per page load. */
function useConsoleSession() {
  useEffect(() => {
    if (started) return;
    started = true;
    void loadDeveloper()
      .then((found) => (found ? loadApps() : null))
      .catch(() => {
        started = false;
      });
    checkAdmin();
  }, []);
}

function SideLink({
  active,
  icon,
  label,
  to,
  testid,
}: {
  active: boolean;
  icon: ComponentChildren;
  label: string;
  to: string;
  testid: string;
}) {
  return (
    <button
      type="button"
      class={active ? "cside__link cside__link--active" : "cside__link"}
      aria-current={active ? "page" : undefined}
      data-testid={testid}
      onClick={() => navigate(to, { replace: true })}
    >
      {icon}
      <span>{label}</span>
    </button>
  );
}

export interface FrameProps {
  title: ComponentChildren;
  /** Where the header's back arrow goes when the console was opened on this page. */
  backTo?: string;
  /** The top-level page has its back arrow on phones only: the side bar leaves the console on desktop. */
  backOnPhoneOnly?: boolean;
  /** "apps" or "review" for the side bar's top links; the app's section inside an app. */
  place: "apps" | "review" | { appId: string; section: AppSection };
  actions?: ComponentChildren;
  testid?: string;
  children: ComponentChildren;
}

export function Frame({ title, backTo, backOnPhoneOnly = false, place, actions, testid, children }: FrameProps) {
  useConsoleSession();
  const inApp = typeof place === "object" ? place : null;
  const appName = inApp ? apps.value?.find((app) => app.app_id === inApp.appId)?.name : undefined;
  const activeTab = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    activeTab.current?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [inApp?.section]);

  return (
    <section class="console" data-testid={testid}>
      <aside class="cside">
        <div class="cside__brand">
          <span class="cside__logo">
            <CodeIcon size={20} />
          </span>
          <span>{t("console.title")}</span>
        </div>
        <nav class="cside__nav">
          <SideLink
            active={place === "apps"}
            icon={<AppsIcon size={20} />}
            label={t("console.nav.apps")}
            to="/dev"
            testid="console-nav-apps"
          />
          {isAdmin.value && (
            <SideLink
              active={place === "review"}
              icon={<ReviewIcon size={20} />}
              label={t("console.nav.review")}
              to="/dev/review"
              testid="console-nav-review"
            />
          )}
        </nav>
        {inApp && (
          <nav class="cside__nav cside__nav--app">
            <div class="cside__app" title={appName}>
              {appName ?? inApp.appId}
            </div>
            {SECTIONS.map(([section, key, Icon]) => (
              <SideLink
                key={section}
                active={inApp.section === section}
                icon={<Icon size={20} />}
                label={t(key)}
                to={appPath(inApp.appId, section)}
                testid={`console-side-${section}`}
              />
            ))}
          </nav>
        )}
        <button type="button" class="cside__exit" data-testid="console-exit" onClick={() => navigate("/me")}>
          <ExitIcon size={20} />
          <span>{t("console.exit")}</span>
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
          <h1 class="chead__title">
            {inApp && inApp.section !== "overview" && appName && <span class="chead__app">{appName} · </span>}
            {title}
          </h1>
          <div class="chead__actions">{actions}</div>
        </header>
        {inApp && (
          <nav class="ctabs" aria-label={appName}>
            {SECTIONS.map(([section, key]) => (
              <button
                key={section}
                type="button"
                ref={inApp.section === section ? activeTab : null}
                class={inApp.section === section ? "ctabs__tab ctabs__tab--active" : "ctabs__tab"}
                data-testid={`console-tab-${section}`}
                onClick={() => navigate(appPath(inApp.appId, section), { replace: true })}
              >
                {t(key)}
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

const APP = "(px[0-9a-f]{16})";
const ROUTES: [RegExp, (params: string[]) => JSX.Element][] = [
  [/^$/, () => <HomePage />],
  [/^\/new$/, () => <CreateAppPage />],
  [/^\/review$/, () => <ReviewPage />],
  [new RegExp(`^/apps/${APP}$`), ([id]) => <AppPage appId={id ?? ""} />],
  [new RegExp(`^/apps/${APP}/versions$`), ([id]) => <VersionsPage appId={id ?? ""} />],
  [new RegExp(`^/apps/${APP}/testers$`), ([id]) => <TestersPage appId={id ?? ""} />],
  [new RegExp(`^/apps/${APP}/templates$`), ([id]) => <TemplatesPage appId={id ?? ""} />],
  [new RegExp(`^/apps/${APP}/webhooks$`), ([id]) => <WebhooksPage appId={id ?? ""} />],
  [new RegExp(`^/apps/${APP}/webhooks/(\\d+)$`), ([id, hook]) => <DeliveryPage appId={id ?? ""} webhookId={hook ?? ""} />],
  [new RegExp(`^/apps/${APP}/stats$`), ([id]) => <OpensPage appId={id ?? ""} />],
];

/** `/dev` + `rest`: the console page for that path, or the console's home for any it does not know. */
export function Console({ rest }: { rest: string }) {
  for (const [pattern, render] of ROUTES) {
    const match = pattern.exec(rest);
    if (match) return render(match.slice(1));
  }
  return <HomePage />;
}

