// /official-console/accounts/{id}/inbox: followers' conversations with the account, the latest
// first; and one follower's thread with a reply box, open for 48 hours after their last
// message (WeChat's rule: an account answers, it does not start conversations).

import { useState } from "preact/hooks";
import type { Message } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime, formatRelative } from "../../i18n/format";
import { t, tCount } from "../../i18n/t";
import { navigate } from "../../shell/router";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { ErrorState, LoadingState } from "../../ui/States";
import { Panel } from "../../miniapps/console/parts";
import { useLoad } from "../../miniapps/console/useLoad";
import { inbox, MESSAGE_MAX, replyTo, thread, type AccountRef, type Thread } from "./api";
import { accountPath, Frame } from "./Console";
import { InboxIcon } from "./icons";
import { INBOX_POLL_MS, usePoll } from "./parts";

function PersonAvatar({ person, size }: { person: AccountRef; size: number }) {
  const urls = person.avatar_url ? { original: person.avatar_url, small: person.avatar_url, medium: person.avatar_url } : null;
  return <Avatar name={person.display_name} seed={person.id} avatar={urls} size={size} />;
}

function isOpen(entry: Thread, now = Date.now()): boolean {
  return Date.parse(entry.can_reply_until) > now;
}

function ThreadRow({ accountId, entry }: { accountId: string; entry: Thread }) {
  return (
    <button
      type="button"
      class="othread"
      data-testid="oc-thread"
      data-follower-id={entry.follower.id}
      onClick={() => navigate(`${accountPath(accountId, "inbox")}/${entry.follower.id}`)}
    >
      <PersonAvatar person={entry.follower} size={44} />
      <span class="othread__text">
        <span class="othread__top">
          <span class="othread__name">{entry.follower.display_name}</span>
          <span class="cmuted">{formatRelative(entry.last_message_at)}</span>
        </span>
        <span class="othread__last" data-testid="oc-thread-last">
          {entry.last_message_text}
        </span>
      </span>
      <span class={isOpen(entry) ? "cbadge cbadge--released" : "cbadge cbadge--plain"}>
        {isOpen(entry) ? t("official.console.inbox.open") : t("official.console.inbox.closed")}
      </span>
    </button>
  );
}

export function InboxPage({ accountId }: { accountId: string }) {
  const list = useLoad(() => inbox(accountId), [accountId]);
  usePoll(list.reload, INBOX_POLL_MS);
  let body;
  if (list.data === null && list.error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(list.error)} onRetry={list.reload} />;
  } else if (list.data === null) body = <LoadingState />;
  else if (list.data.length === 0) {
    body = (
      <Panel>
        <div class="cempty" data-testid="oc-inbox-empty">
          <span class="oempty-icon">
            <InboxIcon size={32} />
          </span>
          <p class="cempty__text">{t("official.console.inbox.empty")}</p>
        </div>
      </Panel>
    );
  } else {
    body = (
      <Panel flush testid="oc-inbox">
        {list.data.map((entry) => (
          <ThreadRow key={entry.follower.id} accountId={accountId} entry={entry} />
        ))}
      </Panel>
    );
  }
  return (
    <Frame
      title={t("official.console.nav.inbox")}
      backTo={accountPath(accountId)}
      place={{ accountId, section: "inbox" }}
      testid="oc-inbox-page"
      actions={
        <Button size="small" variant="default" testid="oc-inbox-refresh" onClick={list.reload}>
          {t("official.console.refresh")}
        </Button>
      }
    >
      <p class="cintro">{t("official.console.inbox.intro")}</p>
      {body}
    </Frame>
  );
}

/** A message's words: a follower's text, or what the account sent (text or articles). */
function messageText(message: Message): string {
  const { text, articles } = message.content as { text?: unknown; articles?: unknown };
  if (typeof text === "string") return text;
  if (Array.isArray(articles)) {
    const first: unknown = articles[0];
    const title = typeof first === "object" && first !== null && "title" in first ? String(first.title) : "";
    return tCount("official.console.inbox.articles", articles.length, { title });
  }
  return t("official.console.inbox.other");
}

function Conversation({ accountId, followerId, entry, messages, onSent }: { accountId: string; followerId: string; entry: Thread | null; messages: Message[]; onSent: (message: Message) => void }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = entry !== null && isOpen(entry);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      onSent(await replyTo(accountId, followerId, text.trim()));
      setText("");
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Panel testid="oc-messages">
        <div class="omessages">
          {messages.map((message) => {
            const mine = message.sender_id === null;
            return (
              <div key={message.id} class={mine ? "omessage omessage--mine" : "omessage"} data-testid="oc-message" data-from={mine ? "account" : "follower"}>
                <span class="omessage__bubble">{messageText(message)}</span>
                <span class="omessage__time">{formatDateTime(message.created_at)}</span>
              </div>
            );
          })}
        </div>
      </Panel>
      <form
        class="oreply"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (open && text.trim() !== "") void send();
        }}
      >
        {entry !== null && (
          <p class={open ? "cnote" : "cnote oreply__closed"} data-testid="oc-reply-window">
            {open
              ? t("official.console.inbox.window_open", { time: formatDateTime(entry.can_reply_until) })
              : t("official.console.inbox.window_closed")}
          </p>
        )}
        <textarea
          class="cinput ctextarea"
          rows={3}
          maxLength={MESSAGE_MAX}
          value={text}
          disabled={!open}
          placeholder={open ? t("official.console.inbox.reply_placeholder") : t("official.console.inbox.reply_disabled")}
          data-testid="oc-reply-text"
          onInput={(event) => {
            setText(event.currentTarget.value);
            setError(null);
          }}
        />
        <FieldError message={error === null ? null : errorMessage(error)} id="oc-reply-error" />
        <div class="cform__actions">
          <Button type="submit" busy={busy} disabled={!open || text.trim() === ""} testid="oc-reply-send">
            {t("official.console.inbox.reply")}
          </Button>
        </div>
      </form>
    </>
  );
}

export function ThreadPage({ accountId, followerId }: { accountId: string; followerId: string }) {
  const state = useLoad(() => Promise.all([inbox(accountId), thread(accountId, followerId)]), [accountId, followerId]);
  usePoll(state.reload, INBOX_POLL_MS);
  let body;
  let title = t("official.console.nav.inbox");
  if (state.data === null && state.error !== null) {
    body = <ErrorState title={t("official.console.error")} message={errorMessage(state.error)} onRetry={state.reload} />;
  } else if (state.data === null) body = <LoadingState />;
  else {
    const [threads, page] = state.data;
    const entry = threads.find((item) => item.follower.id === followerId) ?? null;
    if (entry) title = entry.follower.display_name;
    body = (
      <Conversation
        accountId={accountId}
        followerId={followerId}
        entry={entry}
        messages={page.items}
        onSent={(message) => state.set([threads, { ...page, items: [...page.items, message] }])}
      />
    );
  }
  return (
    <Frame
      title={title}
      backTo={accountPath(accountId, "inbox")}
      place={{ accountId, section: "inbox" }}
      testid="oc-thread-page"
      actions={
        <Button size="small" variant="default" testid="oc-thread-refresh" onClick={state.reload}>
          {t("official.console.refresh")}
        </Button>
      }
    >
      {body}
    </Frame>
  );
}
