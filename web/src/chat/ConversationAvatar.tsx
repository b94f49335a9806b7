// A conversation's picture: the peer's avatar, or for a group a grid of its members'.

import { useEffect } from "preact/hooks";
import type { Conversation } from "../api/types";
import { Avatar } from "../ui/Avatar";
import { GroupIcon } from "../ui/icons";
import { personName } from "./describe";
import { OfficialChatAvatar } from "../official/OfficialChatAvatar";
import { isOfficialChat } from "../official/store";
import { ServiceAvatar } from "./ServiceNoticeCard";
import { ensureMembers, members } from "./store";

export function ConversationAvatar({ conversation, size = 48 }: { conversation: Conversation; size?: number }) {
  useEffect(() => {
    if (conversation.kind === "group") ensureMembers(conversation.id);
  }, [conversation.id, conversation.kind]);
  if (conversation.kind === "service") return <ServiceAvatar size={size} />;
  if (isOfficialChat(conversation)) return <OfficialChatAvatar conversation={conversation} size={size} />;
  if (conversation.kind === "direct") {
    const peer = conversation.peer;
    return <Avatar name={peer ? personName(peer.id) || peer.display_name : ""} seed={peer?.id ?? conversation.id} avatar={peer?.avatar ?? null} size={size} />;
  }
  const list = members.value.get(conversation.id);
  const radius = `${Math.round(size * 0.12)}px`;
  if (!list || list.length === 0) {
    return (
      <span class="group-avatar group-avatar--empty" style={{ width: `${size}px`, height: `${size}px`, borderRadius: radius }}>
        <GroupIcon size={Math.round(size * 0.6)} />
      </span>
    );
  }
  const shown = list.slice(0, 9);
  const columns = shown.length <= 1 ? 1 : shown.length <= 4 ? 2 : 3;
  const gap = 2;
  const cell = Math.floor((size - 4 - gap * (columns - 1)) / columns);
  return (
    <span
      class="group-avatar"
      style={{ width: `${size}px`, height: `${size}px`, borderRadius: radius, gridTemplateColumns: `repeat(${columns}, ${cell}px)`, gap: `${gap}px` }}
      aria-hidden="true"
    >
      {shown.map((member) => (
        <Avatar
          key={member.account.id}
          name={personName(member.account.id) || member.account.display_name}
          seed={member.account.id}
          avatar={member.account.avatar}
          size={cell}
        />
      ))}
    </span>
  );
}
