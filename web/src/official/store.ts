// What the chat list shows of the Subscriptions folder (its latest title and unread dot),
// and which account each official conversation is with, as the account pages learn it.

import { signal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import type { Conversation } from "../api/types";
import { thread } from "../chat/store";
import { isEvent } from "../realtime/events";
import { onRealtimeEvent } from "../realtime/store";
import { getAccount, searchAccounts, subscriptionSummary, type OfficialAccount, type SubscriptionSummary } from "./api";
import { isOfficialMessage } from "./content";

export const summary = signal<SubscriptionSummary | null>(null);

/** Asks the server again; a failure keeps what was shown. */
export async function refreshSummary(): Promise<void> {
  try {
    summary.value = await subscriptionSummary();
  } catch {
    // The folder row is a hint; the chat list works without it.
  }
}

/**
 * Keeps the folder's row current while the app runs: a subscription account I follow
 * broadcast, so the summary (its latest title, the unread dot) is asked for again.
 */
export function followSubscriptions(): () => void {
  return onRealtimeEvent((event) => {
    if (isEvent(event, "subscriptions.updated")) void refreshSummary();
  });
}

/** The folder was opened: nothing in it is unread any more. */
export function summaryRead(): void {
  const current = summary.value;
  if (current) summary.value = { ...current, unread: 0 };
}

/** Which account each official conversation is with, as learnt while the app runs. */
const accountOfConversation = new Map<string, string>();

export function rememberAccountChat(conversationId: string, accountId: string): void {
  accountOfConversation.set(conversationId, accountId);
}

/**
 * The account an official conversation is with: learnt when the account's page opened it,
 * else from a message the account posted in it, else by its name (the conversation is named
 * after the account, and account names are unique). Null while unknown.
 */
export function useAccountOf(conversation: Conversation): string | null {
  const known = accountOfConversation.get(conversation.id) ?? fromMessages(conversation);
  const [found, setFound] = useState<string | null>(known);
  useEffect(() => {
    if (known) {
      accountOfConversation.set(conversation.id, known);
      setFound(known);
      return;
    }
    let live = true;
    searchAccounts(conversation.name).then(
      (accounts) => {
        const match = accounts.find((account) => account.name === conversation.name);
        if (!live || !match) return;
        accountOfConversation.set(conversation.id, match.id);
        setFound(match.id);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [conversation.id, known]);
  return found;
}

function fromMessages(conversation: Conversation): string | null {
  const candidates = [conversation.last_message, ...thread(conversation.id).value.messages];
  for (const message of candidates) {
    if (message && message.kind === "official" && isOfficialMessage(message.content)) return message.content.account_id;
  }
  return null;
}

/** Whether the conversation is with an official account (service: listed; subscription: folded). */
export function isOfficialChat(conversation: Pick<Conversation, "kind">): boolean {
  return conversation.kind === "official" || conversation.kind === "subscribed";
}

const accounts = new Map<string, Promise<OfficialAccount | null>>();

/** The account, asked once per page load (for its picture in chats); null when it cannot be read. */
export function useAccount(accountId: string | null): OfficialAccount | null {
  const [account, setAccount] = useState<OfficialAccount | null>(null);
  useEffect(() => {
    if (!accountId) return;
    let found = accounts.get(accountId);
    if (found === undefined) {
      found = getAccount(accountId).catch(() => null);
      accounts.set(accountId, found);
    }
    let live = true;
    void found.then((value) => live && setAccount(value));
    return () => {
      live = false;
    };
  }, [accountId]);
  return account;
}
