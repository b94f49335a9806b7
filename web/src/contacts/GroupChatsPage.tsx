// The groups I am in.

import { ConversationAvatar } from "../chat/ConversationAvatar";
import { conversationTitle } from "../chat/describe";
import { conversations } from "../chat/store";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { Page } from "../ui/Page";
import { LoadingState } from "../ui/States";

export function GroupChatsPage() {
  const list = conversations.value;
  const groups = (list ?? []).filter((conversation) => conversation.kind === "group");
  return (
    <Page title={t("contacts.group_chats")} onBack={() => back("/contacts")} testid="group-chats-page">
      {list === null ? (
        <LoadingState />
      ) : groups.length === 0 ? (
        <p class="friend-count">{t("contacts.no_groups")}</p>
      ) : (
        <div class="cells cells--spaced">
          {groups.map((conversation) => (
            <button
              key={conversation.id}
              type="button"
              class="person-row person-row--link"
              data-testid="group-item"
              onClick={() => navigate(`/chats/${conversation.id}`)}
            >
              <ConversationAvatar conversation={conversation} size={40} />
              <span class="person-row__name">{conversationTitle(conversation)}</span>
            </button>
          ))}
        </div>
      )}
    </Page>
  );
}
