// Send a mini-program page to chats, from the capsule menu or plaza.shareToChat: the chat
// picker, and a mini-program card of the page (kind "miniapp") to each chosen chat.

import { ConversationPicker } from "../../chat/ConversationPicker";
import { sendMessage } from "../../chat/store";
import { t } from "../../i18n/t";

export function SharePicker({
  appId,
  appName,
  title,
  path,
  onDone,
}: {
  appId: string;
  appName: string;
  title: string;
  path: string;
  /** How many chats it went to, or null when closed without sending. */
  onDone: (sent: number | null) => void;
}) {
  const miniapp = { app_id: appId, path, title };
  return (
    <ConversationPicker
      title={t("mphost.share_to")}
      testid="share"
      onSend={async (chosen) => {
        await Promise.all(chosen.map((id) => sendMessage(id, { kind: "miniapp", miniapp }, null)));
        onDone(chosen.length);
      }}
      onClose={() => onDone(null)}
    >
      <div class="mp-share-card" data-testid="share-card">
        <span class="mp-share-card__app">{appName}</span>
        <span class="mp-share-card__title">{title}</span>
      </div>
    </ConversationPicker>
  );
}
