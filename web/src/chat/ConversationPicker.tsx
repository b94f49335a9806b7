// Choose up to 9 chats to send something to: forwarding messages, sharing a mini-program
// page. The caller says what goes above the list and what sending does.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { isOfficialChat } from "../official/store";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { FieldError } from "../ui/FieldError";
import { CheckIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { Page } from "../ui/Page";
import { ConversationAvatar } from "./ConversationAvatar";
import { conversationTitle } from "./describe";
import { conversations } from "./store";

/** As the server's limit on a forward's conversation_ids. */
export const PICK_MAX = 9;

export function ConversationPicker({
  title,
  testid,
  children,
  onSend,
  onClose,
}: {
  title: string;
  /** Prefix of the test ids: `<testid>-picker`, `-item`, `-send`. */
  testid: string;
  /** Shown above the list: a hint, or a preview of what is sent. */
  children: ComponentChildren;
  /** Sends to the chosen conversations; a rejection is shown and the picker stays. */
  onSend: (conversationIds: string[]) => Promise<void>;
  onClose: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Service Notifications and chats with official accounts take no messages from here.
  const choices = (conversations.value ?? []).filter((conversation) => conversation.kind !== "service" && !isOfficialChat(conversation));

  async function send() {
    setBusy(true);
    setError(null);
    try {
      await onSend(chosen);
      showToast(t("chat.forwarded"));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  function toggle(id: string) {
    if (chosen.includes(id)) setChosen(chosen.filter((c) => c !== id));
    else if (chosen.length < PICK_MAX) setChosen([...chosen, id]);
  }

  return (
    <Overlay>
      <div class="picker" data-testid={`${testid}-picker`}>
        <Page
          title={title}
          light
          onBack={onClose}
          right={
            <Button size="small" busy={busy} disabled={chosen.length === 0} testid={`${testid}-send`} onClick={() => void send()}>
              {t("chat.send")}
              {chosen.length > 0 && ` (${chosen.length})`}
            </Button>
          }
        >
          {children}
          <FieldError message={error} />
          <div class="cells">
            {choices.map((conversation) => {
              const ticked = chosen.includes(conversation.id);
              return (
                <button
                  key={conversation.id}
                  type="button"
                  class="person-row"
                  data-testid={`${testid}-item`}
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
