// The composer: an auto-growing text box (or, in voice mode, "Hold to Talk"), emoji, send
// (green, once there is text), and a "+" panel for photos, a file, a location, a contact
// card, a red envelope or (in 1:1 chats) a transfer. In groups "@" picks a member to mention.

import { useEffect, useRef, useState } from "preact/hooks";
import type { Conversation, Member, ReplyPreview } from "../api/types";
import { PeoplePicker } from "../contacts/PeoplePicker";
import { friends, loadFriends } from "../contacts/store";
import { me } from "../identity/store";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { sendTyping } from "../realtime/store";
import { navigate } from "../shell/router";
import { showToast } from "../shell/store";
import {
  CardIcon,
  CloseIcon,
  FileIcon,
  ImageIcon,
  KeyboardIcon,
  PinIcon,
  PlusCircleIcon,
  SmileIcon,
  TransferIcon,
  VoiceCircleIcon,
} from "../ui/icons";
import { PromptDialog } from "../ui/PromptDialog";
import { EnvelopeIcon } from "../wallet/envelopes/EnvelopeIcon";
import { previewLabel, personName } from "./describe";
import { EMOJI } from "./emoji";
import { HoldToTalk } from "./HoldToTalk";
import { MAX_BYTES, PHOTOS_MAX, probeImage } from "./media";
import { canRecord, type Recording } from "./recorder";
import { isRetryable, loadMembers, members, sendMedia, sendMessage, type MediaToSend, type OutgoingBody } from "./store";

const TYPING_EVERY_MS = 3_000;
const MAX_INPUT_PX = 120;
const LABEL_MAX = 200;

type Panel = "none" | "emoji" | "more";

interface Mention {
  id: string;
  name: string;
}

function MentionSheet({
  list,
  canMentionAll,
  onPick,
  onClose,
}: {
  list: Member[];
  canMentionAll: boolean;
  onPick: (mention: Mention | "all") => void;
  onClose: () => void;
}) {
  const people = list.filter((member) => member.account.id !== me.value?.id).map((member) => member.account);
  return (
    <PeoplePicker
      title={t("chat.mention_pick")}
      people={people}
      single
      extra={canMentionAll ? { label: t("chat.mention_all_members"), onSelect: () => onPick("all") } : undefined}
      onConfirm={(ids) => {
        const id = ids[0];
        if (id) onPick({ id, name: personName(id) });
      }}
      onCancel={onClose}
    />
  );
}

export function Composer({
  conversation,
  reply,
  onClearReply,
}: {
  conversation: Conversation;
  reply: ReplyPreview | null;
  onClearReply: () => void;
}) {
  const [text, setText] = useState("");
  const [panel, setPanel] = useState<Panel>("none");
  const [voiceMode, setVoiceMode] = useState(false);
  const [mentions, setMentions] = useState<Mention[]>([]);
  const [mentionAll, setMentionAll] = useState(false);
  const [picking, setPicking] = useState<"mention" | "card" | null>(null);
  const [location, setLocation] = useState<{ latitude: number; longitude: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const lastTyping = useRef(0);
  const isGroup = conversation.kind === "group";
  const manager = conversation.my_role !== "member";

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, MAX_INPUT_PX)}px`;
  }, [text, voiceMode]);

  useEffect(() => {
    if (reply) input.current?.focus();
  }, [reply?.id]);

  function send(body: OutgoingBody) {
    // A network failure shows as the red "!" to tap; a refusal also says why.
    sendMessage(conversation.id, body, body.kind === "text" ? reply : null).catch((error: unknown) => {
      if (!isRetryable(error)) showToast(errorMessage(error), "warning");
    });
  }

  function sendUpload(item: MediaToSend) {
    if (item.file.size > MAX_BYTES[item.kind]) {
      showToast(t("error.media.file_too_large"), "warning");
      return;
    }
    sendMedia(conversation.id, item).catch((error: unknown) => {
      if (!isRetryable(error)) showToast(errorMessage(error), "warning");
    });
  }

  async function sendPhotos(files: File[]) {
    if (files.length > PHOTOS_MAX) showToast(t("chat.photos_max", { max: PHOTOS_MAX }), "warning");
    setPanel("none");
    // Sizes first (read locally), so that the bubbles keep the order the photos were picked in.
    const picked = files.slice(0, PHOTOS_MAX);
    const sizes = await Promise.all(
      picked.map(async (file) => {
        const url = URL.createObjectURL(file);
        try {
          return await probeImage(url);
        } finally {
          URL.revokeObjectURL(url);
        }
      }),
    );
    picked.forEach((file, index) => {
      const size = sizes[index];
      sendUpload({ kind: "image", file, name: file.name, width: size?.width ?? null, height: size?.height ?? null });
    });
  }

  function sendFile(file: File) {
    setPanel("none");
    sendUpload({ kind: "file", file, name: file.name });
  }

  function sendVoice(recording: Recording) {
    sendUpload({ kind: "voice", file: recording.blob, name: recording.name, durationMs: recording.durationMs });
  }

  /** The files picked in an <input type="file">, which is then cleared to pick the same again. */
  function takeFiles(event: Event): File[] {
    const element = event.currentTarget as HTMLInputElement;
    const files = Array.from(element.files ?? []);
    element.value = "";
    return files;
  }

  function sendText() {
    if (text.trim() === "") return;
    const ids = mentions.filter((mention) => text.includes(`@${mention.name}`)).map((mention) => mention.id);
    const all = mentionAll && text.includes(`@${t("chat.mention_all")}`);
    send({
      kind: "text",
      text,
      reply_to: reply?.id ?? null,
      mentions: [...new Set(ids)],
      mention_all: all,
    });
    setText("");
    setMentions([]);
    setMentionAll(false);
    onClearReply();
    input.current?.focus();
  }

  function insert(piece: string, replaceAt: number | null = null) {
    const element = input.current;
    const start = replaceAt ?? element?.selectionStart ?? text.length;
    const end = replaceAt !== null ? replaceAt + 1 : (element?.selectionEnd ?? text.length);
    const next = text.slice(0, start) + piece + text.slice(end);
    setText(next);
    requestAnimationFrame(() => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(start + piece.length, start + piece.length);
    });
  }

  function onInput(event: Event) {
    const element = event.currentTarget as HTMLTextAreaElement;
    const value = element.value;
    const typedAt = element.selectionStart - 1;
    setText(value);
    if (isGroup && value.length > text.length && value[typedAt] === "@") {
      setPicking("mention");
      if (!members.value.has(conversation.id)) void loadMembers(conversation.id).catch(() => undefined);
    }
    const now = Date.now();
    if (conversation.kind === "direct" && value !== "" && now - lastTyping.current >= TYPING_EVERY_MS) {
      lastTyping.current = now;
      sendTyping(conversation.id);
    }
  }

  function shareLocation() {
    if (!("geolocation" in navigator)) {
      showToast(t("chat.location.unavailable"), "warning");
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setLocation({ latitude: position.coords.latitude, longitude: position.coords.longitude });
      },
      () => {
        setLocating(false);
        showToast(t("chat.location.unavailable"), "warning");
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  const hasText = !voiceMode && text.trim() !== "";
  return (
    <div class="composer-wrap">
      {reply && (
        <div class="composer-reply" data-testid="composer-reply">
          <span class="composer-reply__text">
            {reply.sender_id ? `${personName(reply.sender_id)}: ` : ""}
            {previewLabel(reply.preview)}
          </span>
          <button type="button" class="composer-reply__close" aria-label={t("common.cancel")} onClick={onClearReply}>
            <CloseIcon size={14} />
          </button>
        </div>
      )}
      <div class="composer">
        <button
          type="button"
          class="composer__icon"
          aria-label={voiceMode ? t("chat.keyboard") : t("chat.voice.mode")}
          data-testid="composer-voice"
          onClick={() => {
            if (!voiceMode && !canRecord()) {
              // No microphone API: an insecure (http) page, or an old browser.
              showToast(t("chat.voice.no_mic"), "warning");
              return;
            }
            setVoiceMode(!voiceMode);
            setPanel("none");
            if (voiceMode) requestAnimationFrame(() => input.current?.focus());
          }}
        >
          {voiceMode ? <KeyboardIcon size={28} /> : <VoiceCircleIcon size={28} />}
        </button>
        {voiceMode ? (
          <HoldToTalk onRecorded={sendVoice} />
        ) : (
          <textarea
            ref={input}
            class="composer__input"
            rows={1}
            value={text}
            aria-label={t("chat.composer_label")}
            enterkeyhint="send"
            data-testid="composer-input"
            onInput={onInput}
            onFocus={() => setPanel("none")}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
                event.preventDefault();
                sendText();
              }
            }}
          />
        )}
        <button
          type="button"
          class="composer__icon"
          aria-label={panel === "emoji" ? t("chat.keyboard") : t("chat.emoji")}
          data-testid="composer-emoji"
          onClick={() => {
            setVoiceMode(false);
            setPanel(panel === "emoji" ? "none" : "emoji");
          }}
        >
          {panel === "emoji" ? <KeyboardIcon size={28} /> : <SmileIcon size={28} />}
        </button>
        {hasText ? (
          <button type="button" class="composer__send" data-testid="composer-send" onClick={sendText}>
            {t("chat.send")}
          </button>
        ) : (
          <button
            type="button"
            class="composer__icon"
            aria-label={t("chat.more")}
            data-testid="composer-more"
            onClick={() => setPanel(panel === "more" ? "none" : "more")}
          >
            <PlusCircleIcon size={28} />
          </button>
        )}
      </div>
      {panel === "emoji" && (
        <div class="emoji-panel" data-testid="emoji-panel">
          {EMOJI.map((emoji) => (
            <button key={emoji} type="button" class="emoji-panel__item" onClick={() => insert(emoji)}>
              {emoji}
            </button>
          ))}
        </div>
      )}
      <input
        ref={photoInput}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="composer-photo-input"
        onChange={(event) => void sendPhotos(takeFiles(event))}
      />
      <input
        ref={fileInput}
        type="file"
        hidden
        data-testid="composer-file-input"
        onChange={(event) => {
          const file = takeFiles(event)[0];
          if (file) sendFile(file);
        }}
      />
      {panel === "more" && (
        <div class="more-panel">
          <button type="button" class="more-panel__item" data-testid="composer-photo" onClick={() => photoInput.current?.click()}>
            <span class="more-panel__icon">
              <ImageIcon size={28} />
            </span>
            <span>{t("chat.photo")}</span>
          </button>
          <button type="button" class="more-panel__item" data-testid="composer-file" onClick={() => fileInput.current?.click()}>
            <span class="more-panel__icon">
              <FileIcon size={28} />
            </span>
            <span>{t("chat.file")}</span>
          </button>
          <button type="button" class="more-panel__item" data-testid="composer-location" disabled={locating} onClick={shareLocation}>
            <span class="more-panel__icon">
              <PinIcon size={28} />
            </span>
            <span>{locating ? t("chat.location.locating") : t("chat.location")}</span>
          </button>
          <button
            type="button"
            class="more-panel__item"
            data-testid="composer-card"
            onClick={() => {
              if (friends.value === null) void loadFriends().catch(() => undefined);
              setPicking("card");
            }}
          >
            <span class="more-panel__icon">
              <CardIcon size={28} />
            </span>
            <span>{t("chat.card")}</span>
          </button>
          {conversation.kind === "direct" && conversation.peer && !conversation.peer.deleted && (
            <button
              type="button"
              class="more-panel__item"
              data-testid="composer-transfer"
              onClick={() => navigate(`/chats/${conversation.id}/transfer`)}
            >
              <span class="more-panel__icon">
                <TransferIcon size={28} />
              </span>
              <span>{t("wallet.transfer")}</span>
            </button>
          )}
          {(conversation.kind === "group" || (conversation.peer && !conversation.peer.deleted)) && (
            <button
              type="button"
              class="more-panel__item"
              data-testid="composer-envelope"
              onClick={() => navigate(`/chats/${conversation.id}/envelope`)}
            >
              <span class="more-panel__icon">
                <EnvelopeIcon size={28} />
              </span>
              <span>{t("envelope.title")}</span>
            </button>
          )}
        </div>
      )}
      {location && (
        <PromptDialog
          title={t("chat.location.label_title")}
          placeholder={t("chat.location.label_placeholder")}
          maxLength={LABEL_MAX}
          confirmLabel={t("chat.send")}
          onCancel={() => setLocation(null)}
          onConfirm={(label) => {
            send({ kind: "location", location: { ...location, label } });
            setLocation(null);
            setPanel("none");
          }}
        />
      )}
      {picking === "card" && (
        <PeoplePicker
          title={t("chat.card.pick")}
          people={(friends.value ?? []).map((friend) => friend.account)}
          single
          onCancel={() => setPicking(null)}
          onConfirm={(ids) => {
            setPicking(null);
            setPanel("none");
            const id = ids[0];
            if (id) send({ kind: "card", card: { account_id: id } });
          }}
        />
      )}
      {picking === "mention" && (
        <MentionSheet
          list={members.value.get(conversation.id) ?? []}
          canMentionAll={manager}
          onClose={() => setPicking(null)}
          onPick={(mention) => {
            setPicking(null);
            const at = text.lastIndexOf("@");
            if (mention === "all") {
              setMentionAll(true);
              insert(`@${t("chat.mention_all")} `, at >= 0 ? at : null);
            } else {
              setMentions([...mentions, mention]);
              insert(`@${mention.name} `, at >= 0 ? at : null);
            }
          }}
        />
      )}
    </div>
  );
}
