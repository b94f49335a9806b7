// The developer console under /dev: a side bar and a wide page on desktop, a header with
// section tabs on phones. Routes below /dev are matched here, so the shell needs one entry.

import type { ComponentChildren, JSX } from "preact";
import { useEffect } from "preact/hooks";
import { t, type MessageKey } from "../../i18n/t";
import { ConsoleLayout, type ConsoleLink } from "../../ui/ConsoleLayout";
import { AppPage } from "./AppPage";
import { CreateAppPage } from "./CreateAppPage";
import { DeliveryPage, WebhooksPage } from "./WebhooksPage";
import { HomePage } from "./HomePage";
import { AppsIcon, ChartIcon, CodeIcon, ExitIcon, OverviewIcon, PackageIcon, ReviewIcon, TakingsIcon, TemplateIcon, TestersIcon, WebhookIcon } from "./icons";
import { OpensPage } from "./OpensPage";
import { ReviewPage } from "./ReviewPage";
import { apps, checkAdmin, isAdmin, loadApps, loadDeveloper } from "./store";
import { TakingsPage } from "./TakingsPage";
import { TemplatesPage } from "./TemplatesPage";
import { TestersPage } from "./TestersPage";
import { VersionsPage } from "./VersionsPage";
import "./console.css";

export type AppSection = "overview" | "versions" | "testers" | "templates" | "webhooks" | "takings" | "stats";

const SECTIONS: [AppSection, MessageKey, (props: { size?: number }) => JSX.Element][] = [
  ["overview", "console.nav.overview", OverviewIcon],
  ["versions", "console.nav.versions", PackageIcon],
  ["testers", "console.nav.testers", TestersIcon],
  ["templates", "console.nav.templates", TemplateIcon],
  ["webhooks", "console.nav.webhooks", WebhookIcon],
  ["takings", "console.nav.takings", TakingsIcon],
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
  const links: ConsoleLink[] = [
    { label: t("console.nav.apps"), icon: <AppsIcon size={20} />, to: "/dev", active: place === "apps", testid: "console-nav-apps" },
  ];
  if (isAdmin.value) {
    links.push({ label: t("console.nav.review"), icon: <ReviewIcon size={20} />, to: "/dev/review", active: place === "review", testid: "console-nav-review" });
  }
  const scope = inApp && {
    name: appName ?? inApp.appId,
    sections: SECTIONS.map(([section, key, Icon]) => ({
      label: t(key),
      icon: <Icon size={20} />,
      to: appPath(inApp.appId, section),
      active: inApp.section === section,
      testid: `console-side-${section}`,
      tabTestid: `console-tab-${section}`,
    })),
  };
  return (
    <ConsoleLayout
      brand={{ icon: <CodeIcon size={20} />, title: t("console.title") }}
      links={links}
      scope={scope ?? undefined}
      exit={{ icon: <ExitIcon size={20} />, label: t("console.exit"), testid: "console-exit" }}
      title={
        <>
          {inApp && inApp.section !== "overview" && appName && <span class="chead__app">{appName} · </span>}
          {title}
        </>
      }
      backTo={backTo}
      backOnPhoneOnly={backOnPhoneOnly}
      actions={actions}
      testid={testid}
    >
      {children}
    </ConsoleLayout>
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
  [new RegExp(`^/apps/${APP}/takings$`), ([id]) => <TakingsPage appId={id ?? ""} />],
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

