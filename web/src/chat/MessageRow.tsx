// One message in the conversation: a bubble (mine on the right in green, theirs on the
// left with avatar and, in groups, the sender's name), or a centred grey line.

import type { Conversation, Message } from "../api/types";
import { personOrNull } from "../contacts/store";
import { me } from "../identity/store";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { ExclamationIcon } from "../ui/icons";
import { Spinner } from "../ui/Spinner";
import { personName, recalledText, systemText } from "./describe";
import { MessageContent } from "./MessageContent";
import type { Outgoing } from "./store";
import { useLongPress } from "./useLongPress";

export function SystemLine({ message }: { message: Message }) {
  return (
    <div class="msg-system" data-testid="message-system" data-message-id={message.id} data-seq={message.seq}>
      <span>{systemText(message)}</span>
    </div>
  );
}

function RecalledLine({ message }: { message: Message }) {
  return (
    <div
      class="msg-system"
      data-testid="message-bubble"
      data-recalled="true"
      data-message-id={message.id}
      data-seq={message.seq}
    >
      <span>{recalledText(message)}</span>
    </div>
  );
}

/** "@Name" strings to highlight: the mentioned members', and "@all" when it is for all. */
function mentionNames(message: Message): string[] {
  const names = message.mentions.map((id) => personName(id)).filter(Boolean);
  if (message.mention_all) names.push(t("chat.mention_all"), "all");
  return names;
}

function SenderAvatar({ accountId }: { accountId: string }) {
  const profile = accountId === me.value?.id ? me.value : personOrNull(accountId);
  const name = personName(accountId) || profile?.display_name || "";
  return (
    <button type="button" class="msg__avatar" onClick={() => navigate(`/contacts/${accountId}`)} aria-label={name}>
      <Avatar name={name} seed={accountId} avatar={profile?.avatar ?? null} size={40} />
    </button>
  );
}

export function MessageRow({
  message,
  conversation,
  read,
  onActions,
}: {
  message: Message;
  conversation: Conversation;
  /** Show "Read" under it (my last message the peer has read). */
  read: boolean;
  onActions: (message: Message) => void;
}) {
  const press = useLongPress(() => onActions(message));
  if (message.kind === "system") return <SystemLine message={message} />;
  if (message.recalled) return <RecalledLine message={message} />;
  const mine = message.sender_id === me.value?.id;
  const sender = message.sender_id ?? "";
  const showName = !mine && conversation.kind === "group";
  return (
    <div
      class={mine ? "msg msg--mine" : "msg msg--theirs"}
      data-testid="message-bubble"
      data-message-id={message.id}
      data-seq={message.seq}
      data-kind={message.kind}
    >
      <SenderAvatar accountId={sender} />
      <div class="msg__body">
        {showName && <div class="msg__sender">{personName(sender) || "…"}</div>}
        <div class="msg__content" {...press}>
          <MessageContent kind={message.kind} content={message.content} reply={message.reply_to} mentionNames={mentionNames(message)} />
        </div>
        {read && (
          <div class="msg__read" data-testid="message-read">
            {t("chat.read")}
          </div>
        )}
      </div>
    </div>
  );
}

/** A message of mine on its way: a spinner while sending, a red "!" to retry when it failed. */
export function OutgoingRow({ outgoing, onRetry }: { outgoing: Outgoing; onRetry: () => void }) {
  const body = outgoing.body;
  const content: Record<string, unknown> =
    body.kind === "text" ? { text: body.text ?? "" } : body.kind === "location" ? { ...body.location } : { ...body.card };
  return (
    <div
      class="msg msg--mine msg--outgoing"
      data-testid="message-outgoing"
      data-client-msg-id={outgoing.clientMsgId}
      data-status={outgoing.status}
    >
      <SenderAvatar accountId={me.value?.id ?? ""} />
      <div class="msg__body">
        <div class="msg__content">
          <span class="msg__status">
            {outgoing.status === "sending" ? (
              <Spinner size={16} />
            ) : (
              <button type="button" class="msg__retry" aria-label={t("chat.retry_send")} data-testid="message-retry" onClick={onRetry}>
                <ExclamationIcon size={20} />
              </button>
            )}
          </span>
          <MessageContent kind={body.kind} content={content} reply={outgoing.reply} mentionNames={[]} />
        </div>
      </div>
    </div>
  );
}
