// My remark and tags for a friend; only I see them.

import { useEffect, useState } from "preact/hooks";
import type { TagCount } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { FieldError } from "../ui/FieldError";
import { CloseIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { LoadingState } from "../ui/States";
import { listTags } from "./api";
import { friends, friendsById, loadFriends, updateFriend } from "./store";

const REMARK_MAX = 32;
const TAG_MAX = 20;
const TAGS_MAX = 20;

export function RemarkPage({ accountId }: { accountId: string }) {
  const friend = friendsById.value.get(accountId);
  const [remark, setRemark] = useState<string | null>(null);
  const [tags, setTags] = useState<string[] | null>(null);
  const [newTag, setNewTag] = useState("");
  const [known, setKnown] = useState<TagCount[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (friends.value === null) void loadFriends().catch(() => undefined);
    listTags().then(setKnown, () => undefined);
  }, []);

  if (!friend) {
    return (
      <Page title={t("contacts.card.remark_tags")} onBack={() => back(`/contacts/${accountId}`)} testid="remark-page">
        <LoadingState />
      </Page>
    );
  }

  const currentRemark = remark ?? friend.remark;
  const currentTags = tags ?? friend.tags;

  function addTag(name: string) {
    const tag = name.trim();
    if (tag === "" || currentTags.includes(tag) || currentTags.length >= TAGS_MAX) return;
    setTags([...currentTags, tag.slice(0, TAG_MAX)]);
    setNewTag("");
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await updateFriend(accountId, { remark: currentRemark.trim(), tags: currentTags });
      showToast(t("common.saved"));
      back(`/contacts/${accountId}`);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  const suggestions = known.map((tag) => tag.name).filter((name) => !currentTags.includes(name));
  return (
    <Page
      title={t("contacts.card.remark_tags")}
      onBack={() => back(`/contacts/${accountId}`)}
      right={
        <Button size="small" busy={busy} testid="remark-save" onClick={() => void save()}>
          {t("common.save")}
        </Button>
      }
      testid="remark-page"
    >
      <div class="cell-group__title">{t("contacts.remark")}</div>
      <div class="edit-box">
        <input
          class="edit-box__input"
          type="text"
          value={currentRemark}
          maxLength={REMARK_MAX}
          placeholder={friend.account.display_name}
          aria-label={t("contacts.remark")}
          data-testid="remark-input"
          onInput={(event) => setRemark(event.currentTarget.value)}
        />
      </div>
      <div class="cell-group__title">{t("contacts.tags")}</div>
      <div class="tag-editor">
        {currentTags.map((tag) => (
          <span class="chip" key={tag}>
            {tag}
            <button type="button" aria-label={t("contacts.tag_remove", { tag })} onClick={() => setTags(currentTags.filter((x) => x !== tag))}>
              <CloseIcon size={12} />
            </button>
          </span>
        ))}
        <form
          class="tag-editor__form"
          onSubmit={(event) => {
            event.preventDefault();
            addTag(newTag);
          }}
        >
          <input
            type="text"
            class="tag-editor__input"
            value={newTag}
            maxLength={TAG_MAX}
            placeholder={t("contacts.tag_add")}
            aria-label={t("contacts.tag_add")}
            data-testid="tag-input"
            onInput={(event) => setNewTag(event.currentTarget.value)}
          />
        </form>
      </div>
      {suggestions.length > 0 && (
        <div class="tag-suggestions">
          {suggestions.map((name) => (
            <button type="button" class="chip chip--suggestion" key={name} onClick={() => addTag(name)}>
              {name}
            </button>
          ))}
        </div>
      )}
      <FieldError message={error} />
    </Page>
  );
}
