// The Subscriptions folder's row in the chat list, as WeChat has it: among the chats by the
// time of its latest broadcast (below pinned chats), the latest account and title, and a red
// dot while something in it is unread. A tap opens the folder.

import type { JSX } from "preact";
import type { Conversation } from "../api/types";
import { listTime } from "../chat/time";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { Badge } from "../ui/Badge";
import { SubscriptionsIcon } from "./icons";
import { summary } from "./store";
import "./official.css";

function SubscriptionsRow() {
  const current = summary.value;
  const latest = current?.latest;
  if (!latest) return null;
  return (
    <button type="button" class="chat-item" data-testid="subscriptions-row" onClick={() => navigate("/official/subscriptions")}>
      <span class="chat-item__avatar">
        <span class="oa-folder-avatar" aria-hidden="true">
          <SubscriptionsIcon size={28} />
        </span>
        {current.unread > 0 && <Badge count={current.unread} dot testid="subscriptions-unread" />}
      </span>
      <span class="chat-item__main">
        <span class="chat-item__top">
          <span class="chat-item__name">{t("official.subscriptions")}</span>
          <span class="chat-item__time">{listTime(latest.sent_at)}</span>
        </span>
        <span class="chat-item__bottom">
          <span class="chat-item__preview" data-testid="subscriptions-latest">
            {latest.account_name}: {latest.title}
          </span>
        </span>
      </span>
    </button>
  );
}

/** Whether the chat list has the folder to show (it may be all there is). */
export function hasSubscriptions(): boolean {
  return Boolean(summary.value?.latest);
}

/**
 * The chat list's rows: a row per chat (chats with subscription accounts, which a visit to
 * one may have brought into the list, stay in the folder) and the folder's row put in at the
 * time of its latest broadcast, after the pinned chats.
 */
export function chatListRows(list: Conversation[], row: (conversation: Conversation) => JSX.Element): JSX.Element[] {
  const listed = list.filter((conversation) => conversation.kind !== "subscribed");
  const rows = listed.map(row);
  const sentAt = summary.value?.latest?.sent_at;
  if (!sentAt) return rows;
  const time = Date.parse(sentAt);
  const found = listed.findIndex((conversation) => !conversation.pinned && Date.parse(conversation.updated_at) < time);
  const at = found === -1 ? rows.length : found;
  return [...rows.slice(0, at), <SubscriptionsRow key="official-subscriptions" />, ...rows.slice(at)];
}
