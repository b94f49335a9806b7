// The Moments composer: text, up to 9 photos (each uploaded as it is picked, with its
// progress, and removable), a location name and who can see it; Post once there is content.

import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { Cell, CellGroup } from "../ui/Cell";
import { FieldError } from "../ui/FieldError";
import { CloseIcon, LockIcon, PlusIcon } from "../ui/icons";
import { Page } from "../ui/Page";
import * as momentsApi from "./api";
import { AudiencePicker, audienceSummary, EVERYONE } from "./AudiencePicker";
import { LocationIcon } from "./icons";
import { clientId } from "./links";
import { MOMENTS_PATH } from "./TimelinePage";
import type { Audience } from "./types";
import "./moments.css";

/** As the server's limits (moments/service.py). */
const PHOTOS_PER_POST = 9;
const TEXT_MAX = 2000;
const LOCATION_MAX = 64;

interface PickedPhoto {
  key: string;
  previewUrl: string;
  progress: number;
  uploadId: string | null;
  error: string | null;
}

export function ComposerPage() {
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [location, setLocation] = useState("");
  const [audience, setAudience] = useState<Audience>(EVERYONE);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const postId = useRef(clientId());

  const latest = useRef(photos);
  latest.current = photos;
  useEffect(() => () => latest.current.forEach((photo) => URL.revokeObjectURL(photo.previewUrl)), []);

  function update(key: string, patch: Partial<PickedPhoto>) {
    setPhotos((current) => current.map((photo) => (photo.key === key ? { ...photo, ...patch } : photo)));
  }

  function addFiles(files: File[]) {
    const room = PHOTOS_PER_POST - photos.length;
    if (files.length > room) showToast(t("moments.composer.photos_max", { max: PHOTOS_PER_POST }), "warning");
    const accepted = files.slice(0, Math.max(0, room)).map((file) => ({ file, key: clientId() }));
    setPhotos((current) => [
      ...current,
      ...accepted.map(({ file, key }) => ({ key, previewUrl: URL.createObjectURL(file), progress: 0, uploadId: null, error: null })),
    ]);
    for (const { file, key } of accepted) {
      momentsApi
        .uploadPhoto(file, (progress) => update(key, { progress }))
        .then(
          (upload) => update(key, { uploadId: upload.id, progress: 1 }),
          (caught: unknown) => update(key, { error: errorMessage(caught) }),
        );
    }
  }

  function remove(key: string) {
    const photo = photos.find((item) => item.key === key);
    if (photo) URL.revokeObjectURL(photo.previewUrl);
    setPhotos((current) => current.filter((photo) => photo.key !== key));
  }

  const uploading = photos.some((photo) => photo.uploadId === null && photo.error === null);
  const ready = photos.filter((photo) => photo.uploadId !== null);
  const hasContent = text.trim() !== "" || ready.length > 0;
  const failed = photos.find((photo) => photo.error !== null);

  async function post() {
    setBusy(true);
    setError(null);
    try {
      await momentsApi.createPost({
        client_id: postId.current,
        text: text.trim(),
        photo_ids: ready.map((photo) => photo.uploadId ?? ""),
        location: location.trim() ? { name: location.trim() } : null,
        link: null,
        audience,
      });
      showToast(t("moments.composer.posted"));
      back(MOMENTS_PATH);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page
      title=""
      light
      onBack={() => back(MOMENTS_PATH)}
      right={
        <Button size="small" busy={busy} disabled={!hasContent || uploading} testid="composer-post" onClick={() => void post()}>
          {t("moments.composer.post")}
        </Button>
      }
      testid="moments-composer"
    >
      <div class="moments-composer">
        <textarea
          class="moments-composer__text"
          value={text}
          maxLength={TEXT_MAX}
          rows={4}
          placeholder={t("moments.composer.placeholder")}
          aria-label={t("moments.composer.placeholder")}
          data-testid="composer-text"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <div class="moments-composer__photos" data-testid="composer-photos">
          {photos.map((photo) => (
            <div key={photo.key} class="composer-photo" data-testid="composer-photo" data-uploaded={photo.uploadId !== null}>
              <img src={photo.previewUrl} alt="" />
              {photo.uploadId === null && photo.error === null && (
                <span class="composer-photo__progress">{`${Math.round(photo.progress * 100)}%`}</span>
              )}
              {photo.error !== null && <span class="composer-photo__progress composer-photo__progress--error">!</span>}
              <button
                type="button"
                class="composer-photo__remove"
                aria-label={t("moments.composer.remove_photo")}
                data-testid="composer-photo-remove"
                onClick={() => remove(photo.key)}
              >
                <CloseIcon size={14} />
              </button>
            </div>
          ))}
          {photos.length < PHOTOS_PER_POST && (
            <button
              type="button"
              class="composer-photo composer-photo--add"
              aria-label={t("moments.composer.add_photos")}
              data-testid="composer-add-photo"
              onClick={() => input.current?.click()}
            >
              <PlusIcon size={32} />
            </button>
          )}
        </div>
        <input
          ref={input}
          class="visually-hidden"
          type="file"
          accept="image/*"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          data-testid="composer-photo-input"
          onChange={(event) => {
            addFiles(Array.from(event.currentTarget.files ?? []));
            event.currentTarget.value = "";
          }}
        />
        <FieldError message={failed?.error ?? error} />
      </div>
      <CellGroup>
        <Cell
          icon={<LocationIcon size={22} />}
          title={
            <input
              class="moments-composer__location"
              value={location}
              maxLength={LOCATION_MAX}
              placeholder={t("moments.composer.location")}
              aria-label={t("moments.composer.location")}
              data-testid="composer-location"
              onInput={(event) => setLocation(event.currentTarget.value)}
            />
          }
        />
        <Cell
          icon={<LockIcon size={22} />}
          title={t("moments.audience.title")}
          value={<span data-testid="composer-audience-value">{audienceSummary(audience)}</span>}
          arrow
          testid="composer-audience"
          onClick={() => setPicking(true)}
        />
      </CellGroup>
      {picking && (
        <AudiencePicker
          initial={audience}
          onCancel={() => setPicking(false)}
          onDone={(chosen) => {
            setAudience(chosen);
            setPicking(false);
          }}
        />
      )}
    </Page>
  );
}
