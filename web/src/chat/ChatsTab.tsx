// The Chats tab: every conversation, pinned first, with a "+" menu for a new group or friend.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { refreshSummary } from "../official/store";
import { chatListRows, hasSubscriptions } from "../official/SubscriptionsRow";
import { connection } from "../realtime/store";
import { EmptyState } from "../shell/EmptyState";
import { navigate } from "../shell/router";
import { AddPersonIcon, ChatsIcon, GroupIcon, PlusCircleIcon, ScanIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { Popover } from "../ui/Popover";
import { ErrorState, LoadingState } from "../ui/States";
import { Spinner } from "../ui/Spinner";
import { ChatListItem } from "./ChatListItem";
import { conversations, conversationsError, loadConversations } from "./store";

export function ChatsTab() {
  const [menuOpen, setMenuOpen] = useState(false);
  const list = conversations.value;
  const error = conversationsError.value;
  useEffect(() => void refreshSummary(), []);

  const title =
    connection.value === "online" || list === null ? (
      t("tab.chats")
    ) : (
      <span class="navbar__status">
        <Spinner size={14} />
        {t("chat.connecting")}
      </span>
    );

  let body;
  if (list === null && error !== null) {
    body = <ErrorState title={t("chat.load_error")} message={errorMessage(error)} onRetry={() => void loadConversations()} />;
  } else if (list === null) {
    body = <LoadingState />;
  } else if (list.length === 0 && !hasSubscriptions()) {
    body = <EmptyState icon={<ChatsIcon size={44} />} title={t("empty.chats.title")} body={t("empty.chats.body")} />;
  } else {
    body = (
      <div class="chat-list">
        {chatListRows(list, (conversation) => (
          <ChatListItem key={conversation.id} conversation={conversation} />
        ))}
      </div>
    );
  }

  return (
    <Page
      title={title}
      testid="chats-page"
      right={
        <button
          type="button"
          class="icon-button"
          aria-label={t("chat.more_actions")}
          data-testid="chats-plus"
          onClick={() => setMenuOpen(true)}
        >
          <PlusCircleIcon size={24} />
        </button>
      }
    >
      {body}
      {menuOpen && (
        <Popover
          onClose={() => setMenuOpen(false)}
          items={[
            { icon: <GroupIcon size={22} />, label: t("chat.new_group"), testid: "new-group", onSelect: () => navigate("/chats/new-group") },
            { icon: <AddPersonIcon size={22} />, label: t("contacts.add_friend"), testid: "add-friend", onSelect: () => navigate("/contacts/search") },
            { icon: <ScanIcon size={22} />, label: t("contacts.scan"), testid: "scan", onSelect: () => navigate("/contacts/scan") },
          ]}
        />
      )}
    </Page>
  );
}
