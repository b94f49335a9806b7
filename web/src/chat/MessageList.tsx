// The scrolling list of a conversation: older pages load when scrolled to the top, new
// messages keep it pinned to the bottom, time separators appear after 5-minute gaps.

import type { JSX } from "preact";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { Conversation, Message } from "../api/types";
import { me } from "../identity/store";
import { Spinner } from "../ui/Spinner";
import { MessageRow, OutgoingRow } from "./MessageRow";
import { loadOlder, retryMessage, type Thread } from "./store";
import { SEPARATOR_GAP_MS, separatorTime } from "./time";

const LOAD_OLDER_WITHIN_PX = 120;
const STICK_WITHIN_PX = 160;

function Separator({ iso }: { iso: string }) {
  return (
    <div class="msg-time" role="separator">
      {separatorTime(iso)}
    </div>
  );
}

/** My newest message the other person has read, when both share read receipts. */
function lastReadOfMine(messages: Message[], peerReadSeq: number | null): string | null {
  if (peerReadSeq === null) return null;
  const myId = me.value?.id;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message || message.sender_id !== myId || message.recalled) continue;
    if (message.seq <= peerReadSeq) return message.id;
  }
  return null;
}

export function MessageList({
  conversation,
  thread,
  onActions,
}: {
  conversation: Conversation;
  thread: Thread;
  onActions: (message: Message) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const stuckToBottom = useRef(true);
  const fromBottom = useRef(0);
  const outgoingCount = useRef(thread.outgoing.length);
  const firstId = thread.messages[0]?.id;
  const lastKey = `${thread.messages[thread.messages.length - 1]?.id ?? ""}:${thread.outgoing.length}`;

  // Older messages went in at the top: keep what was on screen where it was.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Sending something brings me back to the bottom.
    if (thread.outgoing.length > outgoingCount.current) stuckToBottom.current = true;
    outgoingCount.current = thread.outgoing.length;
    if (stuckToBottom.current) element.scrollTop = element.scrollHeight;
    else element.scrollTop = element.scrollHeight - fromBottom.current;
  }, [firstId, lastKey]);

  // A short first page that does not fill the screen: fetch more at once.
  useEffect(() => {
    const element = scroller.current;
    if (element && thread.loaded && element.scrollHeight <= element.clientHeight && thread.nextBeforeSeq !== null) {
      void loadOlder(conversation.id);
    }
  }, [thread.loaded, firstId]);

  // Stay at the bottom when the keyboard or the composer's panels resize the list.
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (stuckToBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    fromBottom.current = element.scrollHeight - element.scrollTop;
    stuckToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_WITHIN_PX;
    if (element.scrollTop < LOAD_OLDER_WITHIN_PX && thread.nextBeforeSeq !== null && !thread.loadingOlder) {
      void loadOlder(conversation.id);
    }
  }

  const readId = conversation.kind === "direct" ? lastReadOfMine(thread.messages, conversation.peer_read_seq) : null;
  const rows: JSX.Element[] = [];
  let previousTime = 0;
  for (const message of thread.messages) {
    const at = Date.parse(message.created_at);
    if (at - previousTime >= SEPARATOR_GAP_MS) rows.push(<Separator key={`t${message.id}`} iso={message.created_at} />);
    previousTime = at;
    rows.push(
      <MessageRow key={message.id} message={message} conversation={conversation} read={message.id === readId} onActions={onActions} />,
    );
  }
  for (const outgoing of thread.outgoing) {
    const at = Date.parse(outgoing.createdAt);
    if (at - previousTime >= SEPARATOR_GAP_MS) rows.push(<Separator key={`t${outgoing.clientMsgId}`} iso={outgoing.createdAt} />);
    previousTime = at;
    rows.push(
      <OutgoingRow
        key={outgoing.clientMsgId}
        outgoing={outgoing}
        onRetry={() => void retryMessage(conversation.id, outgoing.clientMsgId).catch(() => undefined)}
      />,
    );
  }

  return (
    <div class="messages" ref={scroller} onScroll={onScroll} data-testid="message-list">
      {thread.loadingOlder && (
        <div class="messages__older">
          <Spinner size={18} />
        </div>
      )}
      {rows}
    </div>
  );
}
