// The official account console under /official-console: my accounts and the application form,
// the platform's review queue, and for a verified account its articles, broadcasts, menu,
// auto-replies, inbox and webhook. It has the developer console's look (a side bar and a wide
// page on desktop, a header with section tabs on phones) and reuses its styles.

import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t, type MessageKey } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { BackIcon } from "../../ui/icons";
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
import { WebhookPage } from "./WebhookPage";
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

function SideLink({ active, icon, label, to, testid }: { active: boolean; icon: ComponentChildren; label: string; to: string; testid: string }) {
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
  const verified = account?.status === "verified";
  const activeTab = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    activeTab.current?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [inAccount?.section]);

  return (
    <section class="console oconsole" data-testid={testid}>
      <aside class="cside">
        <div class="cside__brand">
          <span class="cside__logo">
            <OfficialIcon size={20} />
          </span>
          <span>{t("official.console.title")}</span>
        </div>
        <nav class="cside__nav">
          <SideLink
            active={place === "accounts"}
            icon={<OfficialIcon size={20} />}
            label={t("official.console.nav.accounts")}
            to={CONSOLE}
            testid="oc-nav-accounts"
          />
          {isAdmin.value && (
            <SideLink
              active={place === "review"}
              icon={<ReviewIcon size={20} />}
              label={t("official.console.nav.review")}
              to={`${CONSOLE}/review`}
              testid="oc-nav-review"
            />
          )}
        </nav>
        {inAccount && verified && (
          <nav class="cside__nav cside__nav--app">
            <button type="button" class="cside__app" title={account.name} onClick={() => navigate(accountPath(account.id), { replace: true })}>
              {account.name}
            </button>
            {SECTIONS.map(([section, key, Icon]) => (
              <SideLink
                key={section}
                active={inAccount.section === section}
                icon={<Icon size={20} />}
                label={t(key)}
                to={accountPath(inAccount.accountId, section)}
                testid={`oc-side-${section}`}
              />
            ))}
          </nav>
        )}
        <button type="button" class="cside__exit" data-testid="oc-exit" onClick={() => navigate("/me")}>
          <ExitIcon size={20} />
          <span>{t("official.console.exit")}</span>
        </button>
      </aside>
      <div class="cmain">
        <header class="chead">
          <div class="chead__side">
            <button
              type="button"
              class={backOnPhoneOnly ? "chead__back chead__back--phone" : "chead__back"}
              aria-label={t("common.back")}
              data-testid="nav-back"
              onClick={() => back(backTo)}
            >
              <BackIcon size={24} />
            </button>
          </div>
          <h1 class="chead__title">
            {inAccount && inAccount.section !== null && account && <span class="chead__app">{account.name} · </span>}
            {title}
          </h1>
          <div class="chead__actions">{actions}</div>
        </header>
        {inAccount && verified && (
          <nav class="ctabs" aria-label={account.name}>
            {SECTIONS.map(([section, key]) => (
              <button
                key={section}
                type="button"
                ref={inAccount.section === section ? activeTab : null}
                class={inAccount.section === section ? "ctabs__tab ctabs__tab--active" : "ctabs__tab"}
                data-testid={`oc-tab-${section}`}
                onClick={() => navigate(accountPath(inAccount.accountId, section), { replace: true })}
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
];

/** `/official-console` + `rest`: the console page for that path, or its home for any it does not know. */
export function OfficialConsole({ rest }: { rest: string }) {
  for (const [pattern, render] of ROUTES) {
    const match = pattern.exec(rest);
    if (match) return render(match.slice(1));
  }
  return <HomePage />;
}
