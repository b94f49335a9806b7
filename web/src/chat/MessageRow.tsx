// One message in the conversation: a bubble (mine on the right in green, theirs on the
// left with avatar and, in groups, the sender's name), or a centred grey line.

import type { Conversation, Message } from "../api/types";
import { personOrNull } from "../contacts/store";
import { me } from "../identity/store";
import { t } from "../i18n/t";
import { isOfficialMessage } from "../official/content";
import { navigate } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { ExclamationIcon } from "../ui/icons";
import { Spinner } from "../ui/Spinner";
import { personName, recalledText, systemText } from "./describe";
import { MessageContent } from "./MessageContent";
import { ServiceNoticeRow } from "./ServiceNoticeCard";
import { OfficialMessageRow } from "./OfficialMessageRow";
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
  if (message.kind === "service_notice") return <ServiceNoticeRow message={message} />;
  if (message.kind === "official" && isOfficialMessage(message.content)) {
    return <OfficialMessageRow message={message} content={message.content} />;
  }
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
          <MessageContent
            id={message.id}
            kind={message.kind}
            content={message.content}
            reply={message.reply_to}
            mentionNames={mentionNames(message)}
            mine={mine}
          />
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

/** What an outgoing message shows: its body, or for a photo, file or voice note the local copy. */
function outgoingContent(outgoing: Outgoing): Record<string, unknown> {
  const { body, media } = outgoing;
  if (media) {
    const upload_id = body.upload_id ?? "";
    const url = media.localUrl;
    switch (media.kind) {
      case "image":
        return { upload_id, url, thumbnail_url: url, width: media.width, height: media.height };
      case "file":
        return { upload_id, url, name: media.name, size: media.file.size, content_type: media.file.type };
      case "voice":
        return { upload_id, url, duration_ms: media.durationMs ?? 0 };
    }
  }
  if (body.kind === "text") return { text: body.text ?? "" };
  if (body.kind === "miniapp") return { ...body.miniapp };
  return body.kind === "location" ? { ...body.location } : { ...body.card };
}

/**
 * A message of mine on its way: a spinner while sending (a photo or file shows how much is
 * uploaded instead), a red "!" to retry when it failed.
 */
export function OutgoingRow({ outgoing, onRetry }: { outgoing: Outgoing; onRetry: () => void }) {
  const body = outgoing.body;
  const media = outgoing.media;
  const uploading = outgoing.status === "sending" && media !== null && media.kind !== "voice" && media.progress < 1;
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
            {uploading ? null : outgoing.status === "sending" ? (
              <Spinner size={16} />
            ) : (
              <button type="button" class="msg__retry" aria-label={t("chat.retry_send")} data-testid="message-retry" onClick={onRetry}>
                <ExclamationIcon size={20} />
              </button>
            )}
          </span>
          <MessageContent
            id={outgoing.clientMsgId}
            kind={body.kind}
            content={outgoingContent(outgoing)}
            reply={outgoing.reply}
            mentionNames={[]}
            mine
            progress={uploading && media ? media.progress : null}
          />
        </div>
      </div>
    </div>
  );
}
