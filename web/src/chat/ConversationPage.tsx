// A conversation: header (with "typing…" in 1:1 chats), the messages, the composer, and
// the actions of a long-pressed message. Everything shown here is marked read.

import { useEffect, useState } from "preact/hooks";
import type { Conversation, Message, ReplyPreview } from "../api/types";
import { me } from "../identity/store";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { StatusLine } from "../moments/StatusPage";
import { OfficialChatBar, OfficialProfileButton } from "../official/AccountChat";
import { isOfficialChat } from "../official/store";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { ActionSheet, type SheetAction } from "../ui/ActionSheet";
import { MoreIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { ErrorState, LoadingState } from "../ui/States";
import { Composer } from "./Composer";
import { conversationTitle, messageSummary } from "./describe";
import { ForwardPicker } from "./ForwardPicker";
import { MessageList } from "./MessageList";
import {
  conversationById,
  conversations,
  deleteMessage,
  fetchConversation,
  loadLatest,
  loadMembers,
  markRead,
  members,
  RECALL_WINDOW_MS,
  recallMessage,
  thread,
  typing,
} from "./store";

/** As the server labels quoted messages that are not text (chat/presenters.py). */
const QUOTE_LABELS: Record<string, string> = {
  image: "[Photo]",
  file: "[File]",
  voice: "[Voice]",
  location: "[Location]",
  card: "[Contact card]",
  transfer: "[Transfer]",
};

function replyPreviewOf(message: Message): ReplyPreview {
  const preview = message.kind === "text" ? String(message.content["text"] ?? "").slice(0, 80) : messageSummary(message);
  return {
    id: message.id,
    seq: message.seq,
    sender_id: message.sender_id,
    kind: message.kind,
    preview: QUOTE_LABELS[message.kind] ?? preview,
  };
}

function Title({ conversation }: { conversation: Conversation }) {
  if (conversation.kind === "direct" && typing.value.has(conversation.id)) {
    return (
      <span class="navbar__typing" data-testid="typing-indicator">
        {t("chat.typing")}
      </span>
    );
  }
  const title = conversationTitle(conversation);
  return (
    <span data-testid="conversation-title">
      {conversation.kind === "group" ? `${title} (${conversation.member_count})` : title}
      {conversation.kind === "direct" && conversation.peer && <StatusLine accountId={conversation.peer.id} testid="chat-peer-status" />}
    </span>
  );
}

function useMarkRead(conversation: Conversation | undefined) {
  const id = conversation?.id;
  const unread = conversation ? conversation.last_seq > conversation.last_read_seq : false;
  useEffect(() => {
    if (!id) return;
    const mark = () => {
      if (document.visibilityState === "visible") void markRead(id);
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    window.addEventListener("focus", mark);
    return () => {
      document.removeEventListener("visibilitychange", mark);
      window.removeEventListener("focus", mark);
    };
  }, [id, unread, conversation?.last_seq]);
}

function Actions({
  conversation,
  message,
  onReply,
  onForward,
  onClose,
}: {
  conversation: Conversation;
  message: Message;
  onReply: (message: Message) => void;
  onForward: (message: Message) => void;
  onClose: () => void;
}) {
  const mine = message.sender_id === me.value?.id;
  const recallable = mine && Date.now() - Date.parse(message.created_at) < RECALL_WINDOW_MS;
  const run = (action: () => Promise<void>) =>
    action().catch((error: unknown) => showToast(errorMessage(error), "warning"));
  const actions: SheetAction[] = [];
  if (message.kind === "text") {
    actions.push({
      label: t("chat.action.copy"),
      testid: "action-copy",
      onSelect: () => {
        void navigator.clipboard
          ?.writeText(String(message.content["text"] ?? ""))
          .then(() => showToast(t("chat.copied")))
          .catch(() => undefined);
      },
    });
  }
  actions.push({ label: t("chat.action.reply"), testid: "action-reply", onSelect: () => onReply(message) });
  actions.push({ label: t("chat.action.forward"), testid: "action-forward", onSelect: () => onForward(message) });
  if (recallable) {
    actions.push({
      label: t("chat.action.recall"),
      testid: "action-recall",
      onSelect: () => void run(() => recallMessage(conversation.id, message.id)),
    });
  }
  actions.push({
    label: t("chat.action.delete"),
    danger: true,
    testid: "action-delete",
    onSelect: () => void run(() => deleteMessage(conversation.id, message.id)),
  });
  return <ActionSheet actions={actions} onClose={onClose} />;
}

export function ConversationPage({ id }: { id: string }) {
  const conversation = conversationById(id);
  const current = thread(id).value;
  const [loadError, setLoadError] = useState<unknown>(null);
  const [acting, setActing] = useState<Message | null>(null);
  const [forwarding, setForwarding] = useState<Message | null>(null);
  const [reply, setReply] = useState<ReplyPreview | null>(null);
  const listLoaded = conversations.value !== null;

  useEffect(() => {
    setLoadError(null);
    if (!thread(id).peek().loaded) loadLatest(id).catch(setLoadError);
  }, [id]);

  const [missing, setMissing] = useState(false);
  const known = conversation !== undefined;
  useEffect(() => {
    if (!listLoaded || known) return;
    void fetchConversation(id).then((found) => {
      if (!found && !conversationById(id)) setMissing(true);
    });
  }, [id, listLoaded, known]);

  useEffect(() => {
    if (conversation?.kind === "group" && !members.peek().has(id)) void loadMembers(id).catch(() => undefined);
  }, [id, conversation?.kind]);

  useMarkRead(conversation);

  let body;
  if (missing && !conversation) {
    body = <ErrorState title={t("chat.conversation_gone")} message={loadError ? errorMessage(loadError) : undefined} />;
  } else if (loadError !== null && !current.loaded) {
    body = (
      <ErrorState
        title={t("chat.conversation_error")}
        message={errorMessage(loadError)}
        onRetry={() => {
          setLoadError(null);
          loadLatest(id).catch(setLoadError);
        }}
      />
    );
  } else if (!conversation || !current.loaded) {
    body = <LoadingState />;
  } else {
    body = (
      <>
        <MessageList conversation={conversation} thread={current} onActions={setActing} />
        {isOfficialChat(conversation) ? (
          <OfficialChatBar conversation={conversation} />
        ) : (
          conversation.kind !== "service" && <Composer conversation={conversation} reply={reply} onClearReply={() => setReply(null)} />
        )}
      </>
    );
  }

  return (
    <Page
      title={conversation ? <Title conversation={conversation} /> : ""}
      onBack={() => back("/chats")}
      right={
        conversation &&
        (isOfficialChat(conversation) ? (
          <OfficialProfileButton conversation={conversation} />
        ) : (
          <button
            type="button"
            class="icon-button"
            aria-label={t("chat.info")}
            data-testid="conversation-info"
            onClick={() => navigate(`/chats/${id}/info`)}
          >
            <MoreIcon size={24} />
          </button>
        ))
      }
      testid="conversation-page"
      flush
    >
      <div class="conversation">{body}</div>
      {acting && conversation && (
        <Actions
          conversation={conversation}
          message={acting}
          onClose={() => setActing(null)}
          onReply={(message) => setReply(replyPreviewOf(message))}
          onForward={(message) => setForwarding(message)}
        />
      )}
      {forwarding && <ForwardPicker messageId={forwarding.id} onClose={() => setForwarding(null)} />}
    </Page>
  );
}
