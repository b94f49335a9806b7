// Choose up to 9 conversations to forward a message to.

import { useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { CheckIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { Page } from "../ui/Page";
import { FieldError } from "../ui/FieldError";
import { ConversationAvatar } from "./ConversationAvatar";
import { conversationTitle } from "./describe";
import { conversations, forwardMessages } from "./store";

/** As the server's limit on conversation_ids. */
export const FORWARD_MAX = 9;

export function ForwardPicker({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      await forwardMessages([messageId], chosen);
      showToast(t("chat.forwarded"));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  function toggle(id: string) {
    if (chosen.includes(id)) setChosen(chosen.filter((c) => c !== id));
    else if (chosen.length < FORWARD_MAX) setChosen([...chosen, id]);
  }

  return (
    <Overlay>
      <div class="picker" data-testid="forward-picker">
        <Page
          title={t("chat.forward_to")}
          light
          onBack={onClose}
          right={
            <Button size="small" busy={busy} disabled={chosen.length === 0} testid="forward-send" onClick={() => void send()}>
              {t("chat.send")}
              {chosen.length > 0 && ` (${chosen.length})`}
            </Button>
          }
        >
          <p class="picker__hint">{t("chat.forward_hint", { max: FORWARD_MAX })}</p>
          <FieldError message={error} />
          <div class="cells">
            {(conversations.value ?? []).map((conversation) => {
              const ticked = chosen.includes(conversation.id);
              return (
                <button
                  key={conversation.id}
                  type="button"
                  class="person-row"
                  data-testid="forward-item"
                  data-conversation-id={conversation.id}
                  onClick={() => toggle(conversation.id)}
                >
                  <span class={ticked ? "tick tick--on" : "tick"} aria-hidden="true">
                    {ticked && <CheckIcon size={14} />}
                  </span>
                  <ConversationAvatar conversation={conversation} size={40} />
                  <span class="person-row__name">{conversationTitle(conversation)}</span>
                </button>
              );
            })}
          </div>
        </Page>
      </div>
    </Overlay>
  );
}
