// The official account console under /official-console: my accounts and the application form,
// the platform's review queue, and for a verified account its articles, broadcasts, menu,
// auto-replies, inbox and webhook. It has the developer console's look (a side bar and a wide
// page on desktop, a header with section tabs on phones) and reuses its styles.

import type { ComponentChildren, JSX } from "preact";
import { useEffect } from "preact/hooks";
import { t, type MessageKey } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { ConsoleLayout, type ConsoleLink } from "../../ui/ConsoleLayout";
import { ExitIcon, ReviewIcon, WebhookIcon } from "../../miniapps/console/icons";
import "../../miniapps/console/console.css";
import { AccountPage } from "./AccountPage";
import { ApplyPage } from "./ApplyPage";
import { ArticlesPage, EditorPage } from "./ArticlesPage";
import { BroadcastPage } from "./BroadcastPage";
import { HomePage } from "./HomePage";
import { ArticleIcon, InboxIcon, MenuBarIcon, OfficialIcon, ReplyIcon, SendIcon } from "./icons";
import { InboxPage, ThreadPage } from "./InboxPage";
import { MenuPage } from "./MenuPage";
import { RepliesPage } from "./RepliesPage";
import { ReviewPage } from "./ReviewPage";
import { accounts, checkAdmin, isAdmin, loadAccounts } from "./store";
import { WebhookDeliveryPage, WebhookPage } from "./WebhookPage";
import "./console.css";

export const CONSOLE = "/official-console";

export type Section = "articles" | "broadcast" | "menu" | "replies" | "inbox" | "webhook";

export const SECTIONS: [Section, MessageKey, (props: { size?: number }) => JSX.Element][] = [
  ["articles", "official.console.nav.articles", ArticleIcon],
  ["broadcast", "official.console.nav.broadcast", SendIcon],
  ["menu", "official.console.nav.menu", MenuBarIcon],
  ["replies", "official.console.nav.replies", ReplyIcon],
  ["inbox", "official.console.nav.inbox", InboxIcon],
  ["webhook", "official.console.nav.webhook", WebhookIcon],
];

export function accountPath(accountId: string, section?: Section): string {
  const base = `${CONSOLE}/accounts/${accountId}`;
  return section === undefined ? base : `${base}/${section}`;
}

let started = false;

/** The operator's accounts and whether they review, asked once per page load. */
function useConsoleSession() {
  useEffect(() => {
    if (started) return;
    started = true;
    loadAccounts().catch(() => {
      started = false;
    });
    checkAdmin();
  }, []);
}

export interface FrameProps {
  title: ComponentChildren;
  /** Where the header's back arrow goes when the console was opened on this page. */
  backTo: string;
  /** The top-level page has its back arrow on phones only: the side bar leaves the console on desktop. */
  backOnPhoneOnly?: boolean;
  /** "accounts" or "review" for the side bar's top links; the section inside a verified account. */
  place: "accounts" | "review" | { accountId: string; section: Section | null };
  actions?: ComponentChildren;
  testid?: string;
  children: ComponentChildren;
}

export function Frame({ title, backTo, backOnPhoneOnly = false, place, actions, testid, children }: FrameProps) {
  useConsoleSession();
  const inAccount = typeof place === "object" ? place : null;
  const account = inAccount ? accounts.value?.find((item) => item.id === inAccount.accountId) : undefined;
  const links: ConsoleLink[] = [
    { label: t("official.console.nav.accounts"), icon: <OfficialIcon size={20} />, to: CONSOLE, active: place === "accounts", testid: "oc-nav-accounts" },
  ];
  if (isAdmin.value) {
    const review = `${CONSOLE}/review`;
    links.push({ label: t("official.console.nav.review"), icon: <ReviewIcon size={20} />, to: review, active: place === "review", testid: "oc-nav-review" });
  }
  const scope = inAccount && account?.status === "verified" && {
    name: account.name,
    open: () => navigate(accountPath(account.id), { replace: true }),
    sections: SECTIONS.map(([section, key, Icon]) => ({
      label: t(key),
      icon: <Icon size={20} />,
      to: accountPath(inAccount.accountId, section),
      active: inAccount.section === section,
      testid: `oc-side-${section}`,
      tabTestid: `oc-tab-${section}`,
    })),
  };
  return (
    <ConsoleLayout
      class="oconsole"
      brand={{ icon: <OfficialIcon size={20} />, title: t("official.console.title") }}
      links={links}
      scope={scope || undefined}
      exit={{ icon: <ExitIcon size={20} />, label: t("official.console.exit"), testid: "oc-exit" }}
      title={
        <>
          {inAccount && inAccount.section !== null && account && <span class="chead__app">{account.name} · </span>}
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

const ID = "([^/]+)";
const ROUTES: [RegExp, (params: string[]) => JSX.Element][] = [
  [/^$/, () => <HomePage />],
  [/^\/apply$/, () => <ApplyPage />],
  [/^\/review$/, () => <ReviewPage />],
  [new RegExp(`^/accounts/${ID}$`), ([id]) => <AccountPage accountId={id ?? ""} />],
  [new RegExp(`^/accounts/${ID}/articles$`), ([id]) => <ArticlesPage accountId={id ?? ""} />],
  [new RegExp(`^/accounts/${ID}/articles/new$`), ([id]) => <EditorPage accountId={id ?? ""} articleId={null} />],
  [new RegExp(`^/accounts/${ID}/articles/${ID}$`), ([id, article]) => <EditorPage accountId={id ?? ""} articleId={article ?? ""} />],
  [new RegExp(`^/accounts/${ID}/broadcast$`), ([id]) => <BroadcastPage accountId={id ?? ""} />],
  [new RegExp(`^/accounts/${ID}/menu$`), ([id]) => <MenuPage accountId={id ?? ""} />],
  [new RegExp(`^/accounts/${ID}/replies$`), ([id]) => <RepliesPage accountId={id ?? ""} />],
  [new RegExp(`^/accounts/${ID}/inbox$`), ([id]) => <InboxPage accountId={id ?? ""} />],
  [new RegExp(`^/accounts/${ID}/inbox/${ID}$`), ([id, follower]) => <ThreadPage accountId={id ?? ""} followerId={follower ?? ""} />],
  [new RegExp(`^/accounts/${ID}/webhook$`), ([id]) => <WebhookPage accountId={id ?? ""} />],
  [new RegExp(`^/accounts/${ID}/webhook/${ID}$`), ([id, hook]) => <WebhookDeliveryPage accountId={id ?? ""} webhookId={hook ?? ""} />],
];

/** `/official-console` + `rest`: the console page for that path, or its home for any it does not know. */
export function OfficialConsole({ rest }: { rest: string }) {
  for (const [pattern, render] of ROUTES) {
    const match = pattern.exec(rest);
    if (match) return render(match.slice(1));
  }
  return <HomePage />;
}
