// An official account's chat. /official/accounts/<id>/chat finds (or makes) my conversation
// with the account and shows it as any chat; at its foot, instead of the composer, the
// account's menu (up to 3 items, a submenu pops up its sub-items) with a keyboard key to
// type a message instead. A menu item opens a link (https only, in a new tab), opens a
// mini-program page, or sends its keyword as my message; what I type goes to the account
// the same way (POST .../messages), and its reply arrives in the chat.

import { useEffect, useState } from "preact/hooks";
import type { Conversation } from "../api/types";
import { miniAppCardLink } from "../chat/MiniAppCardBubble";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { KeyboardIcon, PersonIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { useEscape } from "../ui/useEscape";
import { accountChat, getAccount, messageAccount, type MenuItem, type MenuLeaf, type OfficialAccount } from "./api";
import { MenuIcon } from "./icons";
import { accountPath } from "./paths";
import { rememberAccountChat, useAccountOf } from "./store";
import "./official.css";

/** Opens /chats/<conversation> for the account, replacing this address in the history. */
export function AccountChatPage({ accountId }: { accountId: string }) {
  const [error, setError] = useState<unknown>(null);

  function open() {
    setError(null);
    accountChat(accountId).then(({ conversation_id }) => {
      rememberAccountChat(conversation_id, accountId);
      navigate(`/chats/${conversation_id}`, { replace: true });
    }, setError);
  }
  useEffect(open, [accountId]);

  return (
    <Page title="" onBack={() => back(accountPath(accountId))} testid="official-chat-opening">
      {error === null ? <LoadingState /> : <ErrorState title={t("official.chat_error")} message={errorMessage(error)} onRetry={open} />}
    </Page>
  );
}

/** Whether a menu link may open: only https:// addresses. */
function isHttpsLink(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/** Sends the account a message; a failure is shown, and reported as false. */
function send(accountId: string, text: string): Promise<boolean> {
  return messageAccount(accountId, text, crypto.randomUUID()).then(
    () => true,
    (caught: unknown) => {
      showToast(errorMessage(caught), "warning");
      return false;
    },
  );
}

function run(accountId: string, item: MenuLeaf): void {
  switch (item.kind) {
    case "link":
      if (isHttpsLink(item.url)) window.open(item.url, "_blank", "noopener,noreferrer");
      return;
    case "miniapp":
      if (item.app_id) navigate(miniAppCardLink({ app_id: item.app_id, app_name: "", path: item.path ?? "", title: "" }));
      return;
    case "keyword":
      if (item.keyword) void send(accountId, item.keyword);
      return;
  }
}

function SubMenu({ item, onPick, onClose }: { item: MenuItem; onPick: (leaf: MenuLeaf) => void; onClose: () => void }) {
  useEscape(onClose);
  return (
    <>
      <div class="oa-submenu-backdrop" aria-hidden="true" onClick={onClose} />
      <div class="oa-submenu" role="menu" data-testid="official-submenu">
        {(item.sub_items ?? []).map((leaf, index) => (
          <button key={index} type="button" role="menuitem" class="oa-submenu__item" data-testid="official-submenu-item" onClick={() => onPick(leaf)}>
            {leaf.name}
          </button>
        ))}
      </div>
    </>
  );
}

function TextInput({ accountId, onMenu }: { accountId: string; onMenu: (() => void) | null }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit() {
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    if (await send(accountId, message)) setText("");
    setBusy(false);
  }

  return (
    <div class="composer">
      {onMenu && (
        <button type="button" class="composer__icon" aria-label={t("official.menu_show")} data-testid="official-menu-toggle" onClick={onMenu}>
          <MenuIcon size={26} />
        </button>
      )}
      <textarea
        class="composer__input"
        rows={1}
        value={text}
        placeholder={t("official.message_placeholder")}
        data-testid="composer-input"
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void submit();
          }
        }}
      />
      {text.trim() && (
        <button type="button" class="composer__send" data-testid="composer-send" disabled={busy} onClick={() => void submit()}>
          {t("chat.send")}
        </button>
      )}
    </div>
  );
}

/** The foot of an official account's chat: its menu, or a text box. */
export function OfficialChatBar({ conversation }: { conversation: Conversation }) {
  const accountId = useAccountOf(conversation);
  return accountId ? <MenuBar key={accountId} accountId={accountId} /> : <div class="composer-wrap oa-menu" />;
}

/** The header's button to the account's profile, in place of chat info. */
export function OfficialProfileButton({ conversation }: { conversation: Conversation }) {
  const accountId = useAccountOf(conversation);
  return (
    <button
      type="button"
      class="icon-button"
      aria-label={t("official.view_account")}
      data-testid="official-chat-profile"
      disabled={!accountId}
      onClick={() => accountId && navigate(accountPath(accountId))}
    >
      <PersonIcon size={22} />
    </button>
  );
}

function MenuBar({ accountId }: { accountId: string }) {
  const [account, setAccount] = useState<OfficialAccount | null>(null);
  const [typing, setTyping] = useState(false);
  const [open, setOpen] = useState<number | null>(null);

  useEffect(() => {
    getAccount(accountId).then(setAccount, () => setAccount(null));
  }, [accountId]);

  const menu = (account?.menu ?? []).slice(0, 3);
  const showMenu = menu.length > 0 && !typing;

  function pick(item: MenuItem, index: number) {
    if (item.kind === "submenu") setOpen(open === index ? null : index);
    else {
      setOpen(null);
      run(accountId, item);
    }
  }

  return (
    <div class="composer-wrap" data-testid="official-chat-bar">
      {showMenu ? (
        <div class="oa-menu" data-testid="official-menu">
          <button type="button" class="oa-menu__keyboard" aria-label={t("official.menu_keyboard")} data-testid="official-keyboard" onClick={() => setTyping(true)}>
            <KeyboardIcon size={26} />
          </button>
          {menu.map((item, index) => (
            <div key={index} class="oa-menu__slot">
              <button type="button" class="oa-menu__item" aria-expanded={item.kind === "submenu" ? open === index : undefined} data-testid="official-menu-item" onClick={() => pick(item, index)}>
                {item.kind === "submenu" && <MenuIcon size={14} />}
                {item.name}
              </button>
              {open === index && (
                <SubMenu
                  item={item}
                  onClose={() => setOpen(null)}
                  onPick={(leaf) => {
                    setOpen(null);
                    run(accountId, leaf);
                  }}
                />
              )}
            </div>
          ))}
        </div>
      ) : (
        <TextInput accountId={accountId} onMenu={menu.length > 0 ? () => setTyping(false) : null} />
      )}
    </div>
  );
}
