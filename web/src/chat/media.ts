// Photos, files and voice notes in messages: the server's limits, reading a message's
// content, how big a bubble is, and human sizes and durations.

import type { FileContent, ImageContent, UploadKind, VoiceContent } from "../api/types";
import { lang } from "../i18n/store";

/** As the server's MAX_BYTES (media/service.py); checked here too, to spare a useless upload. */
export const MAX_BYTES: Record<UploadKind, number> = {
  image: 20 * 1024 * 1024,
  file: 100 * 1024 * 1024,
  voice: 10 * 1024 * 1024,
};
/** As the server's VOICE_MAX_MS: recording stops and sends by itself then. */
export const VOICE_MAX_MS = 60_000;
/** Shorter recordings are dropped ("Too short"), as in WeChat. */
export const VOICE_MIN_MS = 1_000;
/** Photos picked at once, each sent as its own message. */
export const PHOTOS_MAX = 9;

function isString(value: unknown): value is string {
  return typeof value === "string";
}

export function isImageContent(content: Record<string, unknown>): content is Record<string, unknown> & ImageContent {
  return isString(content["url"]) && (content["thumbnail_url"] === null || isString(content["thumbnail_url"]));
}

export function isFileContent(content: Record<string, unknown>): content is Record<string, unknown> & FileContent {
  return isString(content["url"]) && isString(content["name"]) && typeof content["size"] === "number";
}

export function isVoiceContent(content: Record<string, unknown>): content is Record<string, unknown> & VoiceContent {
  return isString(content["url"]) && typeof content["duration_ms"] === "number";
}

const IMAGE_MAX_W = 200;
const IMAGE_MAX_H = 220;
const IMAGE_MIN_SIDE = 60;
const IMAGE_FALLBACK = 140;

/** The on-screen size of a photo bubble: the picture's shape within 200 x 220, small pictures at most doubled. */
export function imageBox(width: number | null, height: number | null): { width: number; height: number } {
  if (!width || !height) return { width: IMAGE_FALLBACK, height: IMAGE_FALLBACK };
  const scale = Math.min(IMAGE_MAX_W / width, IMAGE_MAX_H / height, 2);
  return {
    width: Math.round(Math.max(IMAGE_MIN_SIDE, width * scale)),
    height: Math.round(Math.max(IMAGE_MIN_SIDE, height * scale)),
  };
}

const VOICE_MIN_W = 76;
const VOICE_MAX_W = 220;

/** A voice bubble grows with its length, as in WeChat: 76 px for a second, 220 px for a minute. */
export function voiceWidth(durationMs: number): number {
  const seconds = Math.min(60, Math.max(1, durationMs / 1000));
  return Math.round(VOICE_MIN_W + ((VOICE_MAX_W - VOICE_MIN_W) * Math.sqrt((seconds - 1) / 59)));
}

/** Whole seconds of a voice note, at least 1: "12″". */
export function voiceSeconds(durationMs: number | null): number {
  return Math.max(1, Math.round((durationMs ?? 0) / 1000));
}

/** "820 B", "14 KB", "2.4 MB". */
export function formatSize(bytes: number): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(lang.value, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${number(kb, kb < 10 ? 1 : 0)} KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${number(mb, 1)} MB`;
  return `${number(mb / 1024, 1)} GB`;
}

export interface FileType {
  /** At most four letters, shown on the icon: "PDF", "DOCX", "ZIP". */
  label: string;
  color: string;
}

const FILE_COLORS: [RegExp, string][] = [
  [/^pdf$/, "#FA5151"],
  [/^(docx?|pages|rtf|txt|md|odt)$/, "#2B7CE9"],
  [/^(xlsx?|csv|numbers|ods)$/, "#07C160"],
  [/^(pptx?|key|odp)$/, "#FA9D3B"],
  [/^(zip|rar|7z|tar|gz|tgz|bz2|xz)$/, "#C9A052"],
  [/^(mp3|m4a|wav|aac|flac|ogg|opus|mp4|mov|avi|mkv|webm)$/, "#8D6BF1"],
  [/^(png|jpe?g|gif|webp|heic|bmp|svg)$/, "#10AEFF"],
];

/** The icon of a file by its name's extension. */
export function fileType(name: string): FileType {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  const extension = match?.[1]?.toLowerCase() ?? "";
  const color = FILE_COLORS.find(([pattern]) => pattern.test(extension))?.[1] ?? "#9BA3B0";
  return { label: extension.slice(0, 4).toUpperCase(), color };
}

/** A picture's pixel size, read in the browser (null when it cannot decode it). */
export function probeImage(url: string): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image.naturalWidth > 0 ? { width: image.naturalWidth, height: image.naturalHeight } : null);
    image.onerror = () => resolve(null);
    image.src = url;
  });
}
