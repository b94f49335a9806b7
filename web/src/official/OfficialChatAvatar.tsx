// An official account's picture where a chat shows it: beside its messages, and as the
// picture of my chat with it in the chat list.

import type { Conversation } from "../api/types";
import { OfficialAvatar } from "./OfficialAvatar";
import { useAccount, useAccountOf } from "./store";

export function AccountAvatar({ accountId, name, size }: { accountId: string | null; name: string; size: number }) {
  const account = useAccount(accountId);
  return <OfficialAvatar name={name} seed={accountId ?? name} url={account?.avatar_url ?? null} size={size} />;
}

export function OfficialChatAvatar({ conversation, size }: { conversation: Conversation; size: number }) {
  return <AccountAvatar accountId={useAccountOf(conversation)} name={conversation.name} size={size} />;
}
