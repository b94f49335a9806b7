// Words for chat objects: conversation titles, who said it, system lines, list previews.

import type { Conversation, Member, Message } from "../api/types";
import { nameOf } from "../contacts/store";
import { me } from "../identity/store";
import { lang } from "../i18n/store";
import { t } from "../i18n/t";
import { isTransferContent } from "../wallet/content";
import { isEnvelopeContent } from "../wallet/envelopes/content";
import { formatMoney } from "../wallet/money";
import { isFileContent, isVoiceContent, voiceSeconds } from "./media";
import { officialSummary } from "../official/content";
import { noticeSummary } from "./ServiceNoticeCard";
import { members } from "./store";

/** Someone's name as I see it; "" while their profile loads. */
export function personName(accountId: string): string {
  if (accountId === me.value?.id) return me.value.display_name;
  return nameOf(accountId);
}

/** "You" for me, else the name; for the subject of system lines. */
export function actorName(accountId: string): string {
  return accountId === me.value?.id ? t("chat.you") : personName(accountId) || "…";
}

/** "you" for me, else the name; for names later in a sentence. */
function objectName(accountId: string): string {
  return accountId === me.value?.id ? t("chat.you_object") : personName(accountId) || "…";
}

function joinNames(names: string[]): string {
  return names.join(lang.value === "zh-CN" ? "、" : ", ");
}

/** Names in a sentence: "you, Bob and Carol" in English, "你、Bob、Carol" in Chinese. */
function listNames(names: string[]): string {
  if (lang.value === "zh-CN" || typeof Intl.ListFormat !== "function") return joinNames(names);
  return new Intl.ListFormat(lang.value, { style: "long", type: "conjunction" }).format(names);
}

/** Names of the group's first members other than me, when the group has no name. */
export function memberNames(list: Member[] | undefined, max = 4): string {
  if (!list) return "";
  const others = list.filter((member) => member.account.id !== me.value?.id).slice(0, max);
  return joinNames(others.map((member) => personName(member.account.id) || member.account.display_name));
}

export function conversationTitle(conversation: Conversation): string {
  if (conversation.kind === "service") return t("chat.service.title");
  if (conversation.kind === "direct") {
    const peer = conversation.peer;
    if (!peer) return t("chat.untitled");
    if (peer.deleted) return t("contacts.deleted_account");
    return personName(peer.id) || peer.display_name;
  }
  return conversation.name || memberNames(members.value.get(conversation.id)) || t("chat.group_chat");
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** A system message as a sentence: "Alice invited Bob and Carol to the group". */
export function systemText(message: Message): string {
  const content = message.content;
  const actor = typeof content["actor_id"] === "string" ? actorName(content["actor_id"]) : "";
  const accountIds = stringList(content["account_ids"]);
  const names = listNames(accountIds.map(objectName));
  switch (content["action"]) {
    case "created":
      return t("chat.system.created", { actor, names });
    case "invited":
      return t("chat.system.invited", { actor, names });
    case "joined":
      return t("chat.system.joined", { actor });
    case "left":
      return t("chat.system.left", { actor });
    case "removed":
      return t("chat.system.removed", { actor, names });
    case "owner_changed":
      // The new owner starts the sentence: "You are now ...", "Bob is now ...".
      return accountIds.length === 1 && accountIds[0] === me.value?.id
        ? t("chat.system.owner_changed_you")
        : t("chat.system.owner_changed", { names: listNames(accountIds.map(actorName)) });
    case "renamed":
      return t("chat.system.renamed", { actor, name: String(content["name"] ?? "") });
    case "announcement":
      return t("chat.system.announcement", { actor });
    default:
      return t("chat.system.unknown");
  }
}

export function recalledText(message: Message): string {
  return message.sender_id === me.value?.id
    ? t("chat.recalled_by_me")
    : t("chat.recalled_by", { name: message.sender_id ? actorName(message.sender_id) : "" });
}

/** The server's labels in reply previews ("[Location]", ...) in the current language. */
export function previewLabel(preview: string): string {
  switch (preview) {
    case "[Photo]":
      return t("chat.preview.image");
    case "[File]":
      return t("chat.preview.file");
    case "[Voice]":
      return t("chat.preview.voice");
    case "[Location]":
      return t("chat.preview.location");
    case "[Contact card]":
      return t("chat.preview.card");
    case "[Transfer]":
      return t("chat.preview.transfer");
    case "[Red envelope]":
      return t("envelope.preview_plain");
    case "[Recalled]":
      return t("chat.preview.recalled");
    default:
      return preview;
  }
}

/** What a message says in one line: text, "[Photo]", "[File] name", "[Voice] 12″", "[Transfer] ¥12.34", "[Red envelope] Best wishes", a system line. */
export function messageSummary(message: Message): string {
  if (message.recalled) return recalledText(message);
  const content = message.content;
  switch (message.kind) {
    case "text":
      return String(content["text"] ?? "");
    case "image":
      return t("chat.preview.image");
    case "file":
      return isFileContent(content) ? t("chat.preview.file_named", { name: content.name }) : t("chat.preview.file");
    case "voice":
      return isVoiceContent(content)
        ? t("chat.preview.voice_seconds", { seconds: voiceSeconds(content.duration_ms) })
        : t("chat.preview.voice");
    case "location":
      return t("chat.preview.location");
    case "card":
      return t("chat.preview.card");
    case "miniapp":
      return t("chat.preview.miniapp", { title: String(content["title"] ?? "") });
    case "transfer":
      return isTransferContent(content)
        ? t("chat.preview.transfer_amount", { amount: formatMoney(content) })
        : t("chat.preview.transfer");
    case "envelope":
      return isEnvelopeContent(content) ? t("envelope.preview", { greeting: content.greeting }) : t("envelope.preview_plain");
    case "system":
      return systemText(message);
    case "service_notice":
      return noticeSummary(content);
    case "official":
      return officialSummary(content);
    case "article":
      return t("official.preview.article", { title: String(content["title"] ?? "") });
    default:
      return t("chat.preview.unsupported");
  }
}

/** The chat list's second line: in groups, prefixed with who sent it. */
export function listPreview(conversation: Conversation): string {
  const message = conversation.last_message;
  if (!message) return "";
  const summary = messageSummary(message);
  if (
    conversation.kind === "group" &&
    !message.recalled &&
    message.kind !== "system" &&
    message.sender_id &&
    message.sender_id !== me.value?.id
  ) {
    const name = personName(message.sender_id);
    return name ? `${name}: ${summary}` : summary;
  }
  return summary;
}

/** Whether the last message @-mentions me (or everyone) and is still unread. */
export function mentionsMe(conversation: Conversation): boolean {
  const message = conversation.last_message;
  const myId = me.value?.id;
  if (!message || !myId || conversation.unread === 0 || message.sender_id === myId) return false;
  return message.mention_all || message.mentions.includes(myId);
}
