// One row of the chat list: avatar with unread badge, name, time, last message, mute bell.

import type { Conversation } from "../api/types";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { Badge } from "../ui/Badge";
import { BellOffIcon } from "../ui/icons";
import { ConversationAvatar } from "./ConversationAvatar";
import { conversationTitle, listPreview, mentionsMe } from "./describe";
import { typing } from "./store";
import { listTime } from "./time";

export function ChatListItem({ conversation }: { conversation: Conversation }) {
  const unread = conversation.unread;
  const isTyping = conversation.kind === "direct" && typing.value.has(conversation.id);
  const classes = ["chat-item"];
  if (conversation.pinned) classes.push("chat-item--pinned");
  return (
    <button
      type="button"
      class={classes.join(" ")}
      data-testid="chat-list-item"
      data-conversation-id={conversation.id}
      onClick={() => navigate(`/chats/${conversation.id}`)}
    >
      <span class="chat-item__avatar">
        <ConversationAvatar conversation={conversation} size={48} />
        {unread > 0 &&
          (conversation.muted ? <Badge count={unread} dot testid="chat-unread" /> : <Badge count={unread} testid="chat-unread" />)}
      </span>
      <span class="chat-item__main">
        <span class="chat-item__top">
          <span class="chat-item__name">
            {conversationTitle(conversation)}
            {conversation.kind === "group" && !conversation.name && conversation.member_count > 0 && (
              <span class="chat-item__count">({conversation.member_count})</span>
            )}
          </span>
          <span class="chat-item__time">{listTime(conversation.updated_at)}</span>
        </span>
        <span class="chat-item__bottom">
          <span class="chat-item__preview">
            {isTyping ? (
              <span class="chat-item__typing">{t("chat.typing")}</span>
            ) : (
              <>
                {mentionsMe(conversation) && <span class="chat-item__mention">{t("chat.mentioned_you")}</span>}
                {conversation.muted && unread > 1 && <span>{t("chat.unread_count", { count: unread })}</span>}
                {listPreview(conversation)}
              </>
            )}
          </span>
          {conversation.muted && <BellOffIcon size={16} class="chat-item__muted" />}
        </span>
      </span>
    </button>
  );
}
