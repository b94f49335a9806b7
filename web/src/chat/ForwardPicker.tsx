// Choose up to 9 conversations to forward a message to.

import { t } from "../i18n/t";
import { ConversationPicker, PICK_MAX } from "./ConversationPicker";
import { forwardMessages } from "./store";

export function ForwardPicker({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  return (
    <ConversationPicker
      title={t("chat.forward_to")}
      testid="forward"
      onSend={async (chosen) => {
        await forwardMessages([messageId], chosen);
        onClose();
      }}
      onClose={onClose}
    >
      <p class="picker__hint">{t("chat.forward_hint", { max: PICK_MAX })}</p>
    </ConversationPicker>
  );
}
