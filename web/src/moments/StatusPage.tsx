// My 24-hour status: an emoji, a few words and an optional photo; set, change or clear it.

import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../api/types";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back, navigate } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { FieldError } from "../ui/FieldError";
import { Cell, CellIcon } from "../ui/Cell";
import { CloseIcon, ImageIcon, SmileIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import { useAction } from "../ui/useAction";
import * as momentsApi from "./api";
import { rememberStatus, statusOf } from "./store";
import "./moments.css";

/** As the server's STATUS_TEXT_MAX. */
const STATUS_TEXT_MAX = 60;
const EMOJIS = ["😊", "😴", "🏃", "📚", "💼", "☕", "🎮", "✈️", "🍜", "🎵", "🤒", "🎉"];

/** "☕ Coffee break": someone's status in one line, or nothing. */
export function StatusLine({ accountId, testid }: { accountId: string; testid?: string }) {
  useEffect(() => {
    momentsApi.getStatus(accountId).then((status) => rememberStatus(accountId, status), () => undefined);
  }, [accountId]);
  const status = statusOf(accountId);
  if (!status) return null;
  return (
    <span class="status-line" data-testid={testid ?? "status-line"}>
      {status.emoji && <span class="status-line__emoji">{status.emoji}</span>}
      {status.text}
      {status.photo && <img class="status-line__photo" src={status.photo.thumbnail_url} alt="" />}
    </span>
  );
}

export function StatusPage({ me }: { me: Me }) {
  const current = statusOf(me.id);
  const [emoji, setEmoji] = useState(current?.emoji ?? "");
  const [text, setText] = useState(current?.text ?? "");
  const [photo, setPhoto] = useState<{ id: string | null; url: string } | null>(
    current?.photo ? { id: current.photo.upload_id, url: current.photo.thumbnail_url } : null,
  );
  const [uploading, setUploading] = useState(false);
  const { busy, error, setError, run } = useAction();
  const input = useRef<HTMLInputElement>(null);

  function pick(file: File | undefined) {
    if (!file) return;
    setUploading(true);
    setError(null);
    momentsApi
      .uploadPhoto(file, () => undefined)
      .then(
        (upload) => setPhoto({ id: upload.id, url: upload.thumbnail_url ?? upload.url }),
        (caught: unknown) => setError(errorMessage(caught)),
      )
      .finally(() => setUploading(false));
  }

  const save = () =>
    run(async () => {
      const photoId = photo?.id ?? null;
      const status = await momentsApi.setStatus({ text: text.trim(), emoji, photo_id: photoId });
      rememberStatus(me.id, status);
      showToast(t("moments.status.saved"));
      back("/me");
    });

  const clear = () =>
    run(async () => {
      await momentsApi.clearStatus();
      rememberStatus(me.id, null);
      back("/me");
    });

  return (
    <Page title={t("moments.status.title")} light onBack={() => back("/me")} testid="status-page">
      <div class="status-editor">
        <div class="status-emojis" role="radiogroup" aria-label={t("moments.status.emoji")}>
          {EMOJIS.map((choice) => (
            <button
              key={choice}
              type="button"
              role="radio"
              aria-checked={emoji === choice}
              class={emoji === choice ? "status-emoji status-emoji--on" : "status-emoji"}
              data-testid="status-emoji"
              onClick={() => setEmoji(emoji === choice ? "" : choice)}
            >
              {choice}
            </button>
          ))}
        </div>
        <input
          class="status-text"
          value={text}
          maxLength={STATUS_TEXT_MAX}
          placeholder={t("moments.status.placeholder")}
          aria-label={t("moments.status.placeholder")}
          data-testid="status-text"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <p class="status-hint">{t("moments.status.hint")}</p>
        <div class="status-photo">
          {photo ? (
            <span class="composer-photo">
              <img src={photo.url} alt="" />
              <button type="button" class="composer-photo__remove" aria-label={t("moments.composer.remove_photo")} onClick={() => setPhoto(null)}>
                <CloseIcon size={14} />
              </button>
            </span>
          ) : (
            <Button variant="default" size="small" busy={uploading} testid="status-photo" onClick={() => input.current?.click()}>
              <ImageIcon size={16} /> {t("moments.status.photo")}
            </Button>
          )}
          <input
            ref={input}
            class="visually-hidden"
            type="file"
            accept="image/*"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="status-photo-input"
            onChange={(event) => {
              pick(event.currentTarget.files?.[0]);
              event.currentTarget.value = "";
            }}
          />
        </div>
        <FieldError message={error} />
        <div class="status-actions">
          <Button block busy={busy} disabled={uploading || (!text.trim() && !emoji && !photo)} testid="status-save" onClick={() => void save()}>
            {t("common.save")}
          </Button>
          {current && (
            <Button block variant="default" disabled={busy} testid="status-clear" onClick={() => void clear()}>
              {t("moments.status.clear")}
            </Button>
          )}
        </div>
      </div>
    </Page>
  );
}

/** Me -> Status: my current status, or "Set status". */
export function StatusCell({ me }: { me: Me }) {
  const status = statusOf(me.id);
  return (
    <Cell
      icon={<CellIcon color="#10AEFF"><SmileIcon size={22} /></CellIcon>}
      title={t("moments.status.title")}
      value={status ? <StatusLine accountId={me.id} testid="my-status" /> : t("moments.status.none")}
      arrow
      testid="status-cell"
      onClick={() => navigate("/me/status")}
    />
  );
}
