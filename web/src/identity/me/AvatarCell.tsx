// The profile photo row: shows the medium thumbnail; tapping offers to choose or remove one.

import { useRef, useState } from "preact/hooks";
import type { Me } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { showToast } from "../../shell/store";
import { ActionSheet, type SheetAction } from "../../ui/ActionSheet";
import { Avatar } from "../../ui/Avatar";
import { Cell } from "../../ui/Cell";
import { FieldError } from "../../ui/FieldError";
import { Spinner } from "../../ui/Spinner";
import { removeAvatar, uploadAvatar } from "../store";

export const AVATAR_TYPES = "image/png,image/jpeg,image/webp";

export function AvatarCell({ me }: { me: Me }) {
  const input = useRef<HTMLInputElement>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      showToast(done);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  function onFile(event: Event) {
    const target = event.currentTarget as HTMLInputElement;
    const file = target.files?.[0];
    target.value = "";
    if (file) void run(() => uploadAvatar(file), t("profile.photo_updated"));
  }

  const actions: SheetAction[] = [
    { label: t("profile.photo_choose"), testid: "avatar-choose", onSelect: () => input.current?.click() },
  ];
  if (me.avatar) {
    actions.push({
      label: t("profile.photo_remove"),
      danger: true,
      testid: "avatar-remove",
      onSelect: () => void run(removeAvatar, t("profile.photo_removed")),
    });
  }

  return (
    <>
      <Cell
        title={t("profile.photo")}
        arrow
        disabled={busy}
        testid="profile-cell-avatar"
        onClick={() => setSheetOpen(true)}
        value={
          <span class="avatar-slot">
            <Avatar name={me.display_name} seed={me.id} avatar={me.avatar} size={64} large />
            {busy && (
              <span class="avatar-slot__busy" aria-label={t("profile.photo_uploading")}>
                <Spinner size={22} light />
              </span>
            )}
          </span>
        }
      />
      <input
        ref={input}
        class="visually-hidden"
        type="file"
        accept={AVATAR_TYPES}
        tabIndex={-1}
        aria-hidden="true"
        data-testid="avatar-input"
        onChange={onFile}
      />
      {error && (
        <div class="cell-error">
          <FieldError message={error} />
        </div>
      )}
      {sheetOpen && (
        <ActionSheet title={t("profile.photo_hint")} actions={actions} onClose={() => setSheetOpen(false)} />
      )}
    </>
  );
}
