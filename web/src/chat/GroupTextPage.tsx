// Edits a group's name (any member) or announcement (owner and admins; others read it).

import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { FieldError } from "../ui/FieldError";
import { Page } from "../ui/Page";
import { LoadingState } from "../ui/States";
import { conversationById, fetchConversation, updateGroup } from "./store";

const NAME_MAX = 64;
const ANNOUNCEMENT_MAX = 2000;

export function GroupTextPage({ id, field }: { id: string; field: "name" | "announcement" }) {
  const conversation = conversationById(id);
  const original = conversation?.[field] ?? "";
  const editable = field === "name" || (conversation !== undefined && conversation.my_role !== "member");
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const current = value ?? original;
  const unchanged = current.trim() === original.trim();

  useEffect(() => {
    if (!conversationById(id)) void fetchConversation(id);
    input.current?.focus();
  }, [id]);

  async function save() {
    if (unchanged) {
      back(`/chats/${id}/info`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await updateGroup(id, field === "name" ? { name: current.trim() } : { announcement: current.trim() });
      showToast(t("common.saved"));
      back(`/chats/${id}/info`);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  const title = field === "name" ? t("chat.info.name") : t("chat.info.announcement");
  const common = {
    ref: input,
    class: "edit-box__input",
    value: current,
    disabled: busy || !editable,
    maxLength: field === "name" ? NAME_MAX : ANNOUNCEMENT_MAX,
    placeholder: field === "name" ? t("chat.info.name_placeholder") : t("chat.info.announcement_placeholder"),
    "aria-label": title,
    "data-testid": "edit-field",
    onInput: (event: Event) => {
      setValue((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
      setError(null);
    },
  };
  return (
    <Page
      title={title}
      onBack={() => back(`/chats/${id}/info`)}
      right={
        editable && (
          <Button size="small" busy={busy} disabled={unchanged} testid="edit-save" onClick={() => void save()}>
            {t("common.save")}
          </Button>
        )
      }
      testid={`group-${field}-page`}
    >
      {!conversation ? (
        <LoadingState />
      ) : (
        <form
          class="edit-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy && editable) void save();
          }}
        >
          <div class={field === "announcement" ? "edit-box edit-box--multiline" : "edit-box"}>
            {field === "announcement" ? <textarea rows={8} {...common} /> : <input type="text" enterKeyHint="done" {...common} />}
          </div>
          <div class="edit-form__notes">
            <FieldError message={error} />
            {!editable && <p class="form-hint">{t("chat.info.announcement_managers_only")}</p>}
            {field === "name" && !error && <p class="form-hint">{t("chat.info.name_hint")}</p>}
          </div>
        </form>
      )}
    </Page>
  );
}
