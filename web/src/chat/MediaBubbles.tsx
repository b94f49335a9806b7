// Photo, file and voice bubbles, and the full-screen photo viewer.

import { useEffect, useRef, useState } from "preact/hooks";
import type { FileContent, ImageContent } from "../api/types";
import { t } from "../i18n/t";
import { showToast } from "../shell/store";
import { CloseIcon, DocumentIcon, DownloadIcon, ImageIcon, PauseIcon, PlayIcon } from "../ui/icons";
import { Overlay } from "../ui/Overlay";
import { Spinner } from "../ui/Spinner";
import { fileType, formatSize, imageBox, voiceSeconds, voiceWidth } from "./media";
import { markVoicePlayed, playedVoices, playingVoice } from "./voice";
import { useEscape } from "../ui/useEscape";

/** "42%" over a photo, or a bar under a file card, while it uploads; null when there is none. */
export type UploadProgress = number | null;

function percent(progress: number): string {
  return `${Math.round(progress * 100)}%`;
}

/** The name a saved photo gets: the original is stored as WebP. */
function photoFileName(content: Pick<ImageContent, "upload_id" | "url">): string {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(content.url)?.[1] ?? "webp";
  return `plaza-photo-${content.upload_id || "new"}.${extension}`;
}

export function ImageViewer({
  url,
  previewUrl,
  fileName,
  onClose,
}: {
  url: string;
  previewUrl: string | null;
  fileName: string;
  onClose: () => void;
}) {
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);

  useEscape(onClose);

  return (
    <Overlay>
      <div class="image-viewer" role="dialog" aria-modal="true" aria-label={t("chat.image.viewer")} data-testid="image-viewer" onClick={onClose}>
        {previewUrl && !loaded && <img class="image-viewer__image image-viewer__image--preview" src={previewUrl} alt="" />}
        {!failed && (
          <img
            class={loaded ? "image-viewer__image" : "image-viewer__image image-viewer__image--loading"}
            src={url}
            alt={t("chat.image.alt")}
            data-testid="image-viewer-image"
            onLoad={() => setLoaded(true)}
            onError={() => setFailed(true)}
          />
        )}
        {!loaded && !failed && (
          <span class="image-viewer__spinner">
            <Spinner size={28} light />
          </span>
        )}
        {failed && <span class="image-viewer__error">{t("chat.image.load_error")}</span>}
        <button
          type="button"
          class="image-viewer__close"
          aria-label={t("common.close")}
          data-testid="image-viewer-close"
          onClick={(event) => {
            event.stopPropagation();
            onClose();
          }}
        >
          <CloseIcon size={22} />
        </button>
        <a
          class="image-viewer__save"
          href={url}
          download={fileName}
          data-testid="image-viewer-save"
          onClick={(event) => event.stopPropagation()}
        >
          <DownloadIcon size={18} />
          {t("chat.image.save")}
        </a>
      </div>
    </Overlay>
  );
}

export function ImageBubble({ content, progress }: { content: ImageContent; progress: UploadProgress }) {
  const [viewing, setViewing] = useState(false);
  const [broken, setBroken] = useState(false);
  const box = imageBox(content.width, content.height);
  const thumbnail = content.thumbnail_url ?? content.url;
  return (
    <>
      <button
        type="button"
        class="image-bubble"
        style={{ width: `${box.width}px`, height: `${box.height}px` }}
        aria-label={t("chat.image.open")}
        data-testid="message-image"
        onClick={() => setViewing(true)}
      >
        {broken ? (
          <span class="image-bubble__broken">
            <ImageIcon size={32} />
          </span>
        ) : (
          <img src={thumbnail} alt="" width={box.width} height={box.height} decoding="async" onError={() => setBroken(true)} />
        )}
        {progress !== null && (
          <span class="image-bubble__progress" data-testid="upload-progress">
            {percent(progress)}
          </span>
        )}
      </button>
      {viewing && (
        <ImageViewer url={content.url} previewUrl={thumbnail} fileName={photoFileName(content)} onClose={() => setViewing(false)} />
      )}
    </>
  );
}

export function FileBubble({ content, progress }: { content: FileContent; progress: UploadProgress }) {
  const type = fileType(content.name);
  return (
    <a
      class="file-card"
      href={content.url}
      download={content.name}
      aria-label={t("chat.file.download", { name: content.name })}
      data-testid="message-file"
    >
      <span class="file-card__main">
        <span class="file-card__text">
          <span class="file-card__name" data-testid="file-name">
            {content.name}
          </span>
          <span class="file-card__size" data-testid="file-size">
            {formatSize(content.size)}
          </span>
        </span>
        <DocumentIcon label={type.label} color={type.color} size={36} />
      </span>
      {progress !== null && (
        <span class="file-card__progress" data-testid="upload-progress" role="progressbar" aria-valuenow={Math.round(progress * 100)}>
          <span style={{ width: percent(progress) }} />
        </span>
      )}
    </a>
  );
}

/** A voice note: tap to play (one at a time); an unplayed one of theirs has a red dot. */
export function VoiceBubble({ id, url, durationMs, mine }: { id: string; url: string; durationMs: number | null; mine: boolean }) {
  const audio = useRef<HTMLAudioElement>(null);
  const playing = playingVoice.value === id;
  const unplayed = !mine && !playedVoices.value.has(id);
  const seconds = voiceSeconds(durationMs);

  // Another voice note started: this one stops.
  useEffect(() => {
    const element = audio.current;
    if (!playing && element && !element.paused) {
      element.pause();
      element.currentTime = 0;
    }
  }, [playing]);

  useEffect(
    () => () => {
      if (playingVoice.peek() === id) playingVoice.value = null;
    },
    [id],
  );

  function stopped() {
    if (playingVoice.peek() === id) playingVoice.value = null;
  }

  function toggle() {
    const element = audio.current;
    if (!element) return;
    if (playing) {
      element.pause();
      element.currentTime = 0;
      stopped();
      return;
    }
    playingVoice.value = id;
    if (!mine) markVoicePlayed(id);
    element.currentTime = 0;
    element.play().catch(() => {
      stopped();
      showToast(t("chat.voice.play_error"), "warning");
    });
  }

  return (
    <>
      <button
        type="button"
        class={playing ? "bubble voice-bubble voice-bubble--playing" : "bubble voice-bubble"}
        style={{ width: `${voiceWidth(durationMs ?? 0)}px` }}
        aria-label={playing ? t("chat.voice.stop") : t("chat.voice.play", { seconds })}
        data-testid="message-voice"
        data-playing={playing ? "true" : "false"}
        onClick={toggle}
      >
        <span class="voice-bubble__icon">{playing ? <PauseIcon size={18} /> : <PlayIcon size={18} />}</span>
        <span class="voice-bubble__duration" data-testid="voice-duration">
          {t("chat.voice.duration", { seconds })}
        </span>
      </button>
      {unplayed && <span class="voice-dot" data-testid="voice-unread" aria-label={t("chat.voice.unplayed")} />}
      <audio ref={audio} src={url} preload="none" data-testid="voice-audio" onEnded={stopped} />
    </>
  );
}
