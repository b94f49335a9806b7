// Start a group: tick friends, optionally name it, create, and open it.

import { useEffect, useState } from "preact/hooks";
import { PeoplePicker } from "../contacts/PeoplePicker";
import { friends, loadFriends } from "../contacts/store";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { PromptDialog } from "../ui/PromptDialog";
import { createGroup } from "./store";

const NAME_MAX = 64;

export function NewGroupPage() {
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadFriends().catch(() => undefined);
  }, []);

  async function create(name: string) {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const conversation = await createGroup({ name, member_ids: chosen });
      navigate(`/chats/${conversation.id}`, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <section class="page" data-testid="new-group-page">
      <PeoplePicker
        title={t("chat.new_group")}
        people={(friends.value ?? []).map((friend) => friend.account)}
        confirmLabel={t("common.next")}
        onCancel={() => back("/chats")}
        onConfirm={(ids) => {
          setError(null);
          setChosen(ids);
        }}
      />
      {chosen && (
        <PromptDialog
          title={t("chat.new_group.name_title")}
          placeholder={t("chat.new_group.name_placeholder")}
          maxLength={NAME_MAX}
          confirmLabel={t("chat.new_group.create")}
          busy={busy}
          error={error}
          testid="group-name-input"
          onCancel={() => setChosen(null)}
          onConfirm={(name) => void create(name)}
        />
      )}
    </section>
  );
}
