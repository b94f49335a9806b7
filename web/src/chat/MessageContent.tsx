// What is inside a bubble: text (with a quote above it), a photo, a file, a voice note, a
// location card, a contact card, a transfer card or a red envelope.

import type { Message, MessageCard, MessageLocation, ReplyPreview } from "../api/types";
import { personOrNull } from "../contacts/store";
import { t } from "../i18n/t";
import { navigate } from "../shell/router";
import { Avatar } from "../ui/Avatar";
import { PinIcon } from "../ui/icons";
import { isTransferContent } from "../wallet/content";
import { isEnvelopeContent } from "../wallet/envelopes/content";
import { EnvelopeBubble } from "../wallet/envelopes/EnvelopeBubble";
import { TransferBubble } from "../wallet/TransferBubble";
import { ArticleCardBubble, isArticleShareCard } from "./ArticleCardBubble";
import { personName, previewLabel } from "./describe";
import { FileBubble, ImageBubble, VoiceBubble, type UploadProgress } from "./MediaBubbles";
import { isFileContent, isImageContent, isVoiceContent } from "./media";
import { isMiniAppCard, MiniAppCardBubble } from "./MiniAppCardBubble";
import { MessageText } from "./MessageText";

function isLocation(content: Record<string, unknown>): content is Record<string, unknown> & MessageLocation {
  return typeof content["latitude"] === "number" && typeof content["longitude"] === "number";
}

function isCard(content: Record<string, unknown>): content is Record<string, unknown> & MessageCard {
  return typeof content["account_id"] === "string";
}

export function osmUrl(location: MessageLocation): string {
  const lat = location.latitude.toFixed(6);
  const lon = location.longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

function formatCoordinate(value: number, positive: string, negative: string): string {
  return `${Math.abs(value).toFixed(5)}° ${value >= 0 ? positive : negative}`;
}

export function Quote({ reply }: { reply: ReplyPreview }) {
  const name = reply.sender_id ? personName(reply.sender_id) : "";
  return (
    <span class="quote" data-testid="message-quote">
      {name && <span class="quote__name">{name}: </span>}
      <span class="quote__text">{previewLabel(reply.preview)}</span>
    </span>
  );
}

export function LocationCard({ location }: { location: MessageLocation }) {
  return (
    <a class="location-card" href={osmUrl(location)} target="_blank" rel="noopener noreferrer" data-testid="message-location">
      <span class="location-card__text">
        <span class="location-card__label">{location.label || t("chat.location.untitled")}</span>
        <span class="location-card__coords">
          {formatCoordinate(location.latitude, "N", "S")}, {formatCoordinate(location.longitude, "E", "W")}
        </span>
      </span>
      <span class="location-card__map" aria-hidden="true">
        <PinIcon size={28} />
      </span>
    </a>
  );
}

export function ContactCardBubble({ card }: { card: MessageCard }) {
  const profile = personOrNull(card.account_id);
  const name = personName(card.account_id) || profile?.display_name || "…";
  return (
    <button type="button" class="contact-card" data-testid="message-card" onClick={() => navigate(`/contacts/${card.account_id}`)}>
      <span class="contact-card__main">
        <Avatar name={name} seed={card.account_id} avatar={profile?.avatar ?? null} size={44} />
        <span class="contact-card__name">{name}</span>
      </span>
      <span class="contact-card__label">{t("chat.card.label")}</span>
    </button>
  );
}

/** The inside of a bubble; `mentionNames` are highlighted in text. */
export function MessageContent({
  id,
  kind,
  content,
  reply,
  mentionNames,
  mine = false,
  progress = null,
}: {
  /** The message id (client_msg_id while on its way): voice notes remember being played by it. */
  id: string;
  kind: Message["kind"];
  content: Record<string, unknown>;
  reply: ReplyPreview | null;
  mentionNames: string[];
  mine?: boolean;
  progress?: UploadProgress;
}) {
  if (kind === "image" && isImageContent(content)) return <ImageBubble content={content} progress={progress} />;
  if (kind === "file" && isFileContent(content)) return <FileBubble content={content} progress={progress} />;
  if (kind === "voice" && isVoiceContent(content)) {
    return <VoiceBubble id={id} url={content.url} durationMs={content.duration_ms} mine={mine} />;
  }
  if (kind === "location" && isLocation(content)) return <LocationCard location={content} />;
  if (kind === "card" && isCard(content)) return <ContactCardBubble card={content} />;
  if (kind === "miniapp" && isMiniAppCard(content)) return <MiniAppCardBubble card={content} />;
  if (kind === "article" && isArticleShareCard(content)) return <ArticleCardBubble card={content} />;
  if (kind === "transfer" && isTransferContent(content)) return <TransferBubble content={content} />;
  if (kind === "envelope" && isEnvelopeContent(content)) return <EnvelopeBubble content={content} />;
  const text = kind === "text" ? String(content["text"] ?? "") : t("chat.preview.unsupported");
  return (
    <span class="bubble bubble--text">
      {reply && <Quote reply={reply} />}
      <MessageText text={text} mentions={mentionNames} />
    </span>
  );
}
